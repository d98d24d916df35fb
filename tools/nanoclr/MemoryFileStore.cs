using System.IO;
using Terminal.Drivers.Storage;

namespace Terminal.Scenario
{
    /// <summary>
    /// A handful of files in memory with nanoFramework's File semantics (Move refuses an existing target), so that
    /// the scenario's open-order slot is the firmware's own <see cref="FileSlot"/>: files survive the power cut.
    /// </summary>
    public sealed class MemoryFileStore : IFileStore
    {
        private const int MaxFiles = 4;
        private readonly string[] _names = new string[MaxFiles];
        // Which entries hold a file. Not "_names[i] != null": on the bench's nanoCLR a never-assigned element of a
        // new string[] is not a null reference, and comparing it with a string crashes the interpreter
        // (docs/device-verification.md, "Other facts").
        private readonly bool[] _used = new bool[MaxFiles];
        private readonly byte[][] _contents = new byte[MaxFiles][];

        /// <summary>Changing operations so far (writes, deletes, renames).</summary>
        public int Changes;

        public bool Exists(string path)
        {
            return IndexOf(path) >= 0;
        }

        public int Read(string path, byte[] buffer)
        {
            byte[] file = _contents[Existing(path)];
            for (int i = 0; i < file.Length && i < buffer.Length; i++) buffer[i] = file[i];
            return file.Length;
        }

        public void Write(string path, byte[] data, int length)
        {
            int i = IndexOf(path);
            if (i < 0) i = FreeEntry();
            if (i < 0) throw new IOException("store full");
            byte[] file = new byte[length];
            for (int k = 0; k < length; k++) file[k] = data[k];
            _names[i] = path;
            _contents[i] = file;
            _used[i] = true;
            Changes++;
        }

        public void Delete(string path)
        {
            int i = Existing(path);
            _used[i] = false;
            _contents[i] = null;
            Changes++;
        }

        public void Move(string from, string to)
        {
            if (IndexOf(to) >= 0) throw new IOException("target exists");
            _names[Existing(from)] = to;
            Changes++;
        }

        private int IndexOf(string path)
        {
            for (int i = 0; i < MaxFiles; i++) if (_used[i] && _names[i] == path) return i;
            return -1;
        }

        private int FreeEntry()
        {
            for (int i = 0; i < MaxFiles; i++) if (!_used[i]) return i;
            return -1;
        }

        private int Existing(string path)
        {
            int i = IndexOf(path);
            if (i < 0) throw new IOException("no such file: " + path);
            return i;
        }
    }
}
