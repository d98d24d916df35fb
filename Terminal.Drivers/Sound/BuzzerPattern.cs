using Terminal.Drivers.Memory;

namespace Terminal.Drivers.Sound
{
    /// <summary>
    /// The sounds the terminal makes, as codes (not an enum: enum names print as numbers on the device) and
    /// their steps: pairs of (frequency in Hz, duration in ms), frequency 0 for a pause. A piezo sounder is
    /// loudest near its resonance (about 4 kHz), so every tone sits between 1.5 and 4.2 kHz. PAID rises (a major
    /// arpeggio, "done"); a failure falls and lasts longer, so the two are told apart without looking.
    /// </summary>
    public static class BuzzerPattern
    {
        public const int KeyClick = 0;
        public const int Paid = 1;
        public const int Failure = 2;
        public const int Count = 3;

        private static readonly int[] KeyClickSteps = ConstantTable.DecimalInts("4000 8");
        private static readonly int[] PaidSteps = ConstantTable.DecimalInts("2637 90  0 30  3136 90  0 30  4186 220");
        private static readonly int[] FailureSteps = ConstantTable.DecimalInts("2093 250  0 80  1568 450");

        /// <summary>The steps of a pattern (shared tables: read, never change them), or null for an unknown code.</summary>
        public static int[] Steps(int pattern)
        {
            switch (pattern)
            {
                case KeyClick: return KeyClickSteps;
                case Paid: return PaidSteps;
                case Failure: return FailureSteps;
                default: return null;
            }
        }

        /// <summary>English words for logs, the simulator's state API and tests (never shown on the panel).</summary>
        public static string Name(int pattern)
        {
            switch (pattern)
            {
                case KeyClick: return "click";
                case Paid: return "paid";
                case Failure: return "failure";
                default: return "unknown";
            }
        }
    }
}
