namespace Terminal.Drivers.Storage
{
    /// <summary>
    /// The few file operations <see cref="FileSlot"/> needs, as nanoFramework's System.IO.FileSystem offers them
    /// (Terminal/Device/FlashFileStore on the ESP32's internal flash; an in-memory store in the tests, which can cut
    /// the power between any two operations). Every method throws on a storage error.
    /// </summary>
    public interface IFileStore
    {
        bool Exists(string path);

        /// <summary>
        /// Reads the file into buffer (at most buffer.Length bytes); returns the file's whole length, which is
        /// larger than buffer.Length when the file did not fit.
        /// </summary>
        int Read(string path, byte[] buffer);

        /// <summary>Creates or truncates the file, writes the bytes and flushes them to the medium.</summary>
        void Write(string path, byte[] data, int length);

        void Delete(string path);

        /// <summary>Renames a file; fails when the target exists (nanoFramework's File.Move does).</summary>
        void Move(string from, string to);
    }
}
