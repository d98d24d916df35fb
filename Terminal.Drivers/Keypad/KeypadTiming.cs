namespace Terminal.Drivers.Keypad
{
    /// <summary>
    /// The keypad's timing, in the units its names carry. Defaults are Zephyr's kbd-matrix defaults
    /// (press 10 ms, release 20 ms, 5 ms poll) and common PIN-pad repeat times.
    /// </summary>
    public sealed class KeypadTiming
    {
        /// <summary>Wait after driving a column before reading the rows (membrane and wire capacitance).</summary>
        public int SettleUs = 50;

        /// <summary>A key must read closed this long, without change, before Down is reported.</summary>
        public int DebouncePressMs = 10;

        /// <summary>A key must read open this long, without change, before Up is reported.</summary>
        public int DebounceReleaseMs = 20;

        /// <summary>Scan period while any key is closed or still bouncing.</summary>
        public int ActivePollMs = 5;

        /// <summary>
        /// Scan period while every key is open and stable. Slower than the active poll to save the CPU; a
        /// press is first seen at most this late, then debounced at the active period.
        /// </summary>
        public int IdlePollMs = 20;

        /// <summary>How long a repeating key is held before its first Repeat.</summary>
        public int RepeatDelayMs = 500;

        /// <summary>Time between Repeats while a repeating key stays held.</summary>
        public int RepeatIntervalMs = 100;
    }
}
