namespace Terminal.Config
{
    /// <summary>
    /// The first problem found in a provisioning file: which line (0 when the problem is the file as a whole,
    /// such as a missing key), which key, and what to do about it. Never contains a secret value.
    /// </summary>
    public sealed class ConfigError
    {
        public ConfigError(int line, string key, string message)
        {
            Line = line;
            Key = key;
            Message = message;
        }

        /// <summary>1-based line number in the file, or 0 for the file as a whole.</summary>
        public int Line { get; private set; }

        /// <summary>The key concerned, or null when the line has none.</summary>
        public string Key { get; private set; }

        public string Message { get; private set; }

        /// <summary>"line 4: terminal.key: ..." - what the technician menu and the serial log show.</summary>
        public override string ToString()
        {
            string where = Line > 0 ? "line " + Line.ToString() + ": " : "";
            string what = Key != null ? Key + ": " : "";
            return where + what + Message;
        }
    }
}
