using System;

namespace Terminal.Drivers.Storage
{
    /// <summary>
    /// A non-volatile slot kept as a small file, replaced so that a power cut at any moment leaves the old text or
    /// the new one, never a torn or empty file (never truncate-then-write in place): the new text is written whole to a
    /// side file "&lt;path&gt;.new" and only then moved over the old one. The text is printable ASCII and a record ends
    /// with a line feed, so a side file cut short is recognised and ignored. A complete side file found later (the power went between
    /// writing it and moving it) is the newest text: every Read and Write first finishes that move, so a value once
    /// read is never followed by an older one.
    /// </summary>
    public sealed class FileSlot : INonVolatileSlot
    {
        /// <summary>Longest text the slot holds: printable ASCII (order ids, at most 52 characters).</summary>
        public const int MaxTextChars = 127;

        /// <summary>Reads tried before the slot counts as unreadable: a flash read that fails once may work the next time.</summary>
        public const int ReadAttempts = 3;
        private const byte EndOfRecord = (byte)'\n';

        private readonly IFileStore _store;
        private readonly string _path;
        private readonly string _sidePath;
        private readonly byte[] _buffer = new byte[MaxTextChars + 1];

        public FileSlot(IFileStore store, string path)
        {
            _store = store;
            _path = path;
            _sidePath = path + ".new";
        }

        public string Read()
        {
            for (int attempt = 0; attempt < ReadAttempts; attempt++)
            {
                try
                {
                    FinishInterruptedWrite();
                    if (!_store.Exists(_path)) return null;
                    int length = RecordLength(_path);
                    // Only whole side files ever become the slot's file: one without a whole record is damaged, not empty.
                    if (length < 0) return NonVolatileSlot.Unreadable;
                    char[] text = new char[length];
                    for (int i = 0; i < length; i++) text[i] = (char)_buffer[i];
                    return new string(text);
                }
                catch (Exception)
                {
                    // The flash refused this read: try again, then say so (a pending sale must never read as "none").
                }
            }
            return NonVolatileSlot.Unreadable;
        }

        public bool Write(string text)
        {
            try
            {
                FinishInterruptedWrite();
                if (text == null)
                {
                    if (_store.Exists(_path)) _store.Delete(_path);
                    return true;
                }
                int length = text.Length;
                if (length > MaxTextChars) return false;
                for (int i = 0; i < length; i++)
                {
                    char c = text[i];
                    if (c < ' ' || c > '~') return false; // printable ASCII only: the end-of-record byte cannot occur
                    _buffer[i] = (byte)c;
                }
                _buffer[length] = EndOfRecord;
                _store.Write(_sidePath, _buffer, length + 1);
                FinishInterruptedWrite();
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>A complete side file replaces the slot's file; an incomplete one is thrown away.</summary>
        private void FinishInterruptedWrite()
        {
            if (!_store.Exists(_sidePath)) return;
            if (RecordLength(_sidePath) < 0)
            {
                _store.Delete(_sidePath);
                return;
            }
            if (_store.Exists(_path)) _store.Delete(_path);
            _store.Move(_sidePath, _path);
        }

        /// <summary>The text length of a complete record in the file (left in the buffer), or -1.</summary>
        private int RecordLength(string path)
        {
            if (!_store.Exists(path)) return -1;
            int length = _store.Read(path, _buffer);
            if (length < 1 || length > _buffer.Length || _buffer[length - 1] != EndOfRecord) return -1;
            return length - 1;
        }
    }
}
