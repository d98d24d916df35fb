using Terminal.Drivers.Memory;

namespace Terminal.Qr
{
    /// <summary>
    /// The numbers of ISO/IEC 18004 Model 2 that depend on version and ECC level: capacities (Tables 7, 9),
    /// block structure, alignment pattern positions (Annex E), format (7.9) and version information (7.10).
    /// Tables are indexed [ecc * 41 + version] (mscorlib on the device has no multi-dimensional arrays);
    /// index 0 of each row is unused.
    /// </summary>
    public static class QrSpec
    {
        public const int MinVersion = 1;
        public const int MaxVersion = 40;

        /// <summary>Largest ECC codewords per block over all versions and levels (the RS scratch size).</summary>
        public const int MaxEccCodewordsPerBlock = 30;

        /// <summary>Most alignment pattern coordinates in one dimension (version 35-40).</summary>
        public const int MaxAlignmentPositions = 7;

        private const int FormatGenerator = 0x537;   // BCH(15,5) generator, 7.9.1
        private const int FormatXorMask = 0x5412;    // keeps format bits from being all zero, 7.9.1
        private const int VersionGenerator = 0x1F25; // BCH(18,6) generator, 7.10

        // Error correction codewords per block (Table 9), rows L, M, Q, H.
        private static readonly byte[] ECC_CODEWORDS_PER_BLOCK = ConstantTable.DecimalBytes(
            "0 7 10 15 20 26 18 20 24 30 18 20 24 26 30 22 24 28 30 28 28 28 28 30 30 26 28 30 30 30 30 30 30 30 30 30 30 30 30 30 30 " +
            "0 10 16 26 18 24 16 18 22 22 26 30 22 22 24 24 28 28 26 26 26 26 28 28 28 28 28 28 28 28 28 28 28 28 28 28 28 28 28 28 28 " +
            "0 13 22 18 26 18 24 18 22 20 24 28 26 24 20 30 24 28 28 26 30 28 30 30 30 30 28 30 30 30 30 30 30 30 30 30 30 30 30 30 30 " +
            "0 17 28 22 16 22 28 26 26 24 28 24 28 22 24 24 30 28 28 26 28 30 24 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 30 ");

        // Number of error correction blocks (Table 9), rows L, M, Q, H.
        private static readonly byte[] NUM_ERROR_CORRECTION_BLOCKS = ConstantTable.DecimalBytes(
            "0 1 1 1 1 1 2 2 2 2 4 4 4 4 4 6 6 6 6 7 8 8 9 9 10 12 12 12 13 14 15 16 17 18 19 19 20 21 22 24 25 " +
            "0 1 1 1 2 2 4 4 4 5 5 5 8 9 9 10 10 11 13 14 16 17 17 18 20 21 23 25 26 28 29 31 33 35 37 38 40 43 45 47 49 " +
            "0 1 1 2 2 4 4 6 6 8 8 8 10 12 16 12 17 16 18 21 20 23 23 25 27 29 34 34 35 38 40 43 45 48 51 53 56 59 62 65 68 " +
            "0 1 1 2 4 4 4 5 6 8 8 11 11 16 16 18 16 19 21 25 25 25 34 30 32 35 37 40 42 45 48 51 54 57 60 63 66 70 74 77 81 ");

        /// <summary>Modules per side: 17 + 4 * version (6.3.1).</summary>
        public static int SizeOf(int version)
        {
            return 17 + 4 * version;
        }

        /// <summary>The largest version whose symbol is at most `sizeModules` per side, or 0 if none is.</summary>
        public static int LargestVersionWithin(int sizeModules)
        {
            if (sizeModules < SizeOf(MinVersion)) return 0;
            int version = (sizeModules - 17) / 4;
            return version > MaxVersion ? MaxVersion : version;
        }

        /// <summary>
        /// Modules left for data and ECC codewords (and remainder bits) after the function patterns and
        /// the format/version information: Table 1's "data modules".
        /// </summary>
        public static int NumRawDataModules(int version)
        {
            int result = (16 * version + 128) * version + 64;
            if (version >= 2)
            {
                int numAlign = version / 7 + 2;
                result -= (25 * numAlign - 10) * numAlign - 55;
                if (version >= 7) result -= 36;
            }
            return result;
        }

        /// <summary>All codewords (data + ECC) of a version: Table 1's "total codewords".</summary>
        public static int NumTotalCodewords(int version)
        {
            return NumRawDataModules(version) / 8;
        }

        public static int EccCodewordsPerBlock(int version, int ecc)
        {
            return ECC_CODEWORDS_PER_BLOCK[ecc * 41 + version];
        }

        public static int NumErrorCorrectionBlocks(int version, int ecc)
        {
            return NUM_ERROR_CORRECTION_BLOCKS[ecc * 41 + version];
        }

        /// <summary>Data codewords of a version at a level (Table 7's "number of data codewords").</summary>
        public static int NumDataCodewords(int version, int ecc)
        {
            return NumTotalCodewords(version) - EccCodewordsPerBlock(version, ecc) * NumErrorCorrectionBlocks(version, ecc);
        }

        /// <summary>
        /// How many characters of one mode fit a version at a level (Table 7): the largest count whose
        /// segment (mode, count field, data) fits the data codewords.
        /// </summary>
        public static int Capacity(int mode, int version, int ecc)
        {
            int capacityBits = NumDataCodewords(version, ecc) * 8;
            int available = capacityBits - 4 - QrMode.CharacterCountBits(mode, version);
            // Start above the answer (a character costs at least 10/3, 11/2 or 8 bits) and step down.
            int count = mode == QrMode.Numeric ? available * 3 / 10 + 1
                : (mode == QrMode.Alphanumeric ? available * 2 / 11 + 1 : available / 8 + 1);
            while (count > 0)
            {
                int bits = QrMode.SegmentBits(mode, count, version);
                if (bits >= 0 && bits <= capacityBits) return count;
                count--;
            }
            return 0;
        }

        /// <summary>
        /// Writes the row/column coordinates of the alignment pattern centres (Annex E) into dest[0..] and
        /// returns how many there are (0 for version 1). The spacing is even and the first is always 6;
        /// version 32 is the one exception to the step formula.
        /// </summary>
        public static int AlignmentPatternPositions(int version, int[] dest)
        {
            if (version == 1) return 0;
            int numAlign = version / 7 + 2;
            int step = version == 32 ? 26 : (version * 4 + numAlign * 2 + 1) / (numAlign * 2 - 2) * 2;
            dest[0] = 6;
            int pos = SizeOf(version) - 7;
            for (int i = numAlign - 1; i >= 1; i--)
            {
                dest[i] = pos;
                pos -= step;
            }
            return numAlign;
        }

        /// <summary>
        /// The 15 format-information bits (7.9.1): ECC bits and mask, BCH(15,5) remainder, XOR 0x5412.
        /// Bit 14 is the most significant.
        /// </summary>
        public static int FormatBits(int ecc, int mask)
        {
            int data = (QrEcc.FormatBits(ecc) << 3) | mask;
            int rem = data;
            for (int i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * FormatGenerator);
            return ((data << 10) | rem) ^ FormatXorMask;
        }

        /// <summary>The 18 version-information bits (7.10, Annex D) for versions 7-40; 0 below 7.</summary>
        public static int VersionBits(int version)
        {
            if (version < 7) return 0;
            int rem = version;
            for (int i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >> 11) * VersionGenerator);
            return (version << 12) | rem;
        }
    }
}
