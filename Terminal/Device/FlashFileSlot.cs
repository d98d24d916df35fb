using System;
using System.IO;
using Terminal.Drivers.Storage;
using Terminal.Text;

namespace Terminal.Device
{
    /// <summary>
    /// A non-volatile slot as a small file on the ESP32's internal flash file system (DEVICE-ONLY, verified only
    /// on a device). Written once per sale and cleared once per sale: far below the flash's erase endurance.
    /// The file is replaced whole, so a power cut mid-write leaves the old or the new text, or an empty file.
    /// </summary>
    public sealed class FlashFileSlot : INonVolatileSlot
    {
        private readonly string _path;
        private readonly byte[] _buffer = new byte[128];

        public FlashFileSlot(string path)
        {
            _path = path;
        }

        public string Read()
        {
            try
            {
                if (!File.Exists(_path)) return null;
                using (FileStream stream = new FileStream(_path, FileMode.Open, FileAccess.Read))
                {
                    int length = stream.Read(_buffer, 0, _buffer.Length);
                    return length <= 0 ? null : Utf8.Decode(_buffer, 0, length);
                }
            }
            catch (Exception)
            {
                return null;
            }
        }

        public bool Write(string text)
        {
            try
            {
                if (text == null)
                {
                    if (File.Exists(_path)) File.Delete(_path);
                    return true;
                }
                int length = Utf8.Encode(text, _buffer, 0);
                if (length < 0) return false;
                using (FileStream stream = new FileStream(_path, FileMode.Create, FileAccess.Write))
                {
                    stream.Write(_buffer, 0, length);
                    stream.Flush();
                }
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
