namespace Terminal.Money
{
    /// <summary>What a key did to an <see cref="AmountEntry"/>; const ints, as enum names do not print on the device.</summary>
    public static class EntryResult
    {
        /// <summary>The amount changed.</summary>
        public const int Changed = 1;

        /// <summary>Nothing to do (a leading zero, backspace on an empty amount).</summary>
        public const int Unchanged = 2;

        /// <summary>The key would pass the maximum: refused, amount kept, the screen shows the cue.</summary>
        public const int RefusedOverflow = 3;

        /// <summary>OK with an amount above zero: submit it.</summary>
        public const int Submitted = 5;

        /// <summary>OK on a zero amount: refused, the screen shows the cue.</summary>
        public const int RefusedZero = 6;

        /// <summary>A key amount entry does not use ('*', '#'): the app handles it.</summary>
        public const int NotAnEntryKey = 7;
    }
}
