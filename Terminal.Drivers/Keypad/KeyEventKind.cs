namespace Terminal.Drivers.Keypad
{
    /// <summary>What happened to a key; const ints because enum ToString() prints a number on the device.</summary>
    public static class KeyEventKind
    {
        public const int None = 0;

        /// <summary>The key has been closed for the press debounce time.</summary>
        public const int Down = 1;

        /// <summary>The key has been open for the release debounce time.</summary>
        public const int Up = 2;

        /// <summary>A repeating key (Backspace) is still held: one more press.</summary>
        public const int Repeat = 3;
    }
}
