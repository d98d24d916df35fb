namespace Terminal.Qr
{
    /// <summary>
    /// Error-correction levels as int codes (ISO/IEC 18004 7.5.1), ordered from weakest to strongest so a
    /// loop can raise the level. Ints, not an enum: an enum's ToString() prints a number on the device.
    /// </summary>
    public static class QrEcc
    {
        /// <summary>Recovers about 7% of codewords.</summary>
        public const int L = 0;
        /// <summary>Recovers about 15% of codewords.</summary>
        public const int M = 1;
        /// <summary>Recovers about 25% of codewords.</summary>
        public const int Q = 2;
        /// <summary>Recovers about 30% of codewords.</summary>
        public const int H = 3;

        /// <summary>The letter for a level code ("L", "M", "Q", "H"), "?" for anything else.</summary>
        public static string Name(int ecc)
        {
            switch (ecc)
            {
                case L: return "L";
                case M: return "M";
                case Q: return "Q";
                case H: return "H";
                default: return "?";
            }
        }

        /// <summary>The two format-information bits of a level (Table 12): L=01, M=00, Q=11, H=10.</summary>
        public static int FormatBits(int ecc)
        {
            switch (ecc)
            {
                case L: return 1;
                case M: return 0;
                case Q: return 3;
                default: return 2;
            }
        }
    }
}
