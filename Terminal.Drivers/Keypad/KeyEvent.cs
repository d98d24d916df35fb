namespace Terminal.Drivers.Keypad
{
    /// <summary>
    /// One key event, filled in by <see cref="MatrixKeypad.TryReadEvent"/> into an object the caller keeps,
    /// so reading events allocates nothing.
    /// </summary>
    public sealed class KeyEvent
    {
        /// <summary>The keycap: '0'-'9', 'A'-'D', '*' or '#'.</summary>
        public char Keycap;

        /// <summary>One of <see cref="KeyEventKind"/>.</summary>
        public int Kind;

        /// <summary>Clock time of the scan that produced the event.</summary>
        public long TimeMs;
    }
}
