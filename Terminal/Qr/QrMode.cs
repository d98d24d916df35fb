namespace Terminal.Qr
{
    /// <summary>
    /// Segment modes this encoder writes (ISO/IEC 18004 7.4.1), as int codes equal to their 4-bit mode
    /// indicators (Table 2). Kanji, ECI and structured append are not used: payment URLs go as plain bytes.
    /// </summary>
    public static class QrMode
    {
        public const int Numeric = 0x1;
        public const int Alphanumeric = 0x2;
        public const int Byte = 0x4;

        /// <summary>The 45-character alphanumeric set in code order (Table 5): 0-9, A-Z, space $ % * + - . / :</summary>
        private const string AlphanumericCharset = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

        /// <summary>The alphanumeric value of a byte (Table 5), or -1 if the set does not hold it.</summary>
        public static int AlphanumericValue(int b)
        {
            if (b >= '0' && b <= '9') return b - '0';
            if (b >= 'A' && b <= 'Z') return b - 'A' + 10;
            for (int i = 36; i < 45; i++)
            {
                if (AlphanumericCharset[i] == b) return i;
            }
            return -1;
        }

        /// <summary>
        /// The most compact single mode that holds every byte: numeric if all are digits, else alphanumeric if
        /// all are in the 45-character set, else byte. Empty data goes in byte mode (as ZXing does).
        /// </summary>
        public static int Choose(byte[] data, int offset, int length)
        {
            if (length == 0) return Byte;
            bool numeric = true;
            for (int i = offset; i < offset + length; i++)
            {
                int b = data[i];
                if (b >= '0' && b <= '9') continue;
                numeric = false;
                if (AlphanumericValue(b) < 0) return Byte;
            }
            return numeric ? Numeric : Alphanumeric;
        }

        /// <summary>Width of the character-count field (Table 3) for versions 1-9, 10-26, 27-40.</summary>
        public static int CharacterCountBits(int mode, int version)
        {
            int group = version <= 9 ? 0 : (version <= 26 ? 1 : 2);
            switch (mode)
            {
                case Numeric: return 10 + 2 * group;
                case Alphanumeric: return 9 + 2 * group;
                default: return group == 0 ? 8 : 16;
            }
        }

        /// <summary>Bits of the data part of a segment of `count` characters (7.4.3 to 7.4.5).</summary>
        public static int DataBits(int mode, int count)
        {
            switch (mode)
            {
                case Numeric:
                    int rest = count % 3;
                    return 10 * (count / 3) + (rest == 0 ? 0 : (rest == 1 ? 4 : 7));
                case Alphanumeric:
                    return 11 * (count / 2) + 6 * (count % 2);
                default:
                    return 8 * count;
            }
        }

        /// <summary>
        /// Total bits of a one-segment bit stream (mode indicator, count, data) at a version, or -1 if the
        /// count does not fit the character-count field.
        /// </summary>
        public static int SegmentBits(int mode, int count, int version)
        {
            int countBits = CharacterCountBits(mode, version);
            if (count >= (1 << countBits)) return -1;
            return 4 + countBits + DataBits(mode, count);
        }
    }
}
