using System.IO;
using Terminal.Drivers.Storage;

namespace Terminal.Device
{
    /// <summary>
    /// <see cref="IFileStore"/> on the ESP32's internal flash file system (drive I:), over nanoFramework's
    /// System.IO.FileSystem (DEVICE-ONLY: compiled by the bench, run only on a device). The replacement logic that
    /// makes the open-order slot survive a power cut is <see cref="FileSlot"/>'s, tested on the host.
    /// </summary>
    public sealed class FlashFileStore : IFileStore
    {
        public bool Exists(string path)
        {
            return File.Exists(path);
        }

        public int Read(string path, byte[] buffer)
        {
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                int fileLength = (int)stream.Length;
                int total = 0;
                while (total < buffer.Length && total < fileLength)
                {
                    int read = stream.Read(buffer, total, buffer.Length - total);
                    if (read <= 0) break;
                    total += read;
                }
                return fileLength > total ? fileLength : total;
            }
        }

        public void Write(string path, byte[] data, int length)
        {
            using (FileStream stream = new FileStream(path, FileMode.Create, FileAccess.Write))
            {
                stream.Write(data, 0, length);
                stream.Flush();
            }
        }

        public void Delete(string path)
        {
            File.Delete(path);
        }

        public void Move(string from, string to)
        {
            File.Move(from, to);
        }
    }
}
