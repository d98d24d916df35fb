namespace Terminal.Qr
{
    /// <summary>
    /// The eight data mask patterns of ISO/IEC 18004 7.8.2 (Table 10), i = row, j = column. Every formula
    /// repeats every 12 rows and 12 columns, so each mask is kept as 12 tile rows of 12 bits, built once at
    /// class load (2 x 96 shorts: <see cref="RowTile"/> and <see cref="ColumnTile"/>); applying a mask is then
    /// a look-up and one XOR per eight modules.
    /// </summary>
    public static class QrMaskPattern
    {
        public const int Count = 8;
        public const int Period = 12;

        // [mask * Period + phase]: bit j of RowTiles is Inverts(mask, phase, j); bit i of ColumnTiles is Inverts(mask, i, phase).
        private static readonly short[] RowTiles = BuildTiles(true);
        private static readonly short[] ColumnTiles = BuildTiles(false);

        /// <summary>True where mask `mask` inverts the module at row i, column j (Table 10).</summary>
        public static bool Inverts(int mask, int i, int j)
        {
            bool inverts; // one exit: see Texts.Get
            switch (mask)
            {
                case 0: inverts = (i + j) % 2 == 0; break;
                case 1: inverts = i % 2 == 0; break;
                case 2: inverts = j % 3 == 0; break;
                case 3: inverts = (i + j) % 3 == 0; break;
                case 4: inverts = (i / 2 + j / 3) % 2 == 0; break;
                case 5: inverts = (i * j) % 2 + (i * j) % 3 == 0; break;
                case 6: inverts = ((i * j) % 2 + (i * j) % 3) % 2 == 0; break;
                case 7: inverts = ((i + j) % 2 + (i * j) % 3) % 2 == 0; break;
                default: throw new System.ArgumentOutOfRangeException("mask");
            }
            return inverts;
        }

        /// <summary>Bit j (0-11) is Inverts(mask, row, j) for every row with row % 12 == phase.</summary>
        public static int RowTile(int mask, int phase)
        {
            return RowTiles[mask * Period + phase];
        }

        /// <summary>Bit i (0-11) is Inverts(mask, i, column) for every column with column % 12 == phase.</summary>
        public static int ColumnTile(int mask, int phase)
        {
            return ColumnTiles[mask * Period + phase];
        }

        /// <summary>
        /// The mask's inversions for a row with row % 12 == phase as 24 bits (two tile periods): bits 8k..8k+7
        /// are the bit-row byte k of every three, since 3 bytes hold exactly 2 periods of 12 columns.
        /// </summary>
        public static int RowBytes(int mask, int phase)
        {
            int tile = RowTiles[mask * Period + phase];
            return tile | (tile << Period);
        }

        /// <summary>
        /// XORs the mask into every module whose bit in dataModules is 1 (not a function pattern); both are
        /// <see cref="QrBitRows"/> of the given side. Applying the same mask twice restores the modules.
        /// </summary>
        public static void Apply(int mask, byte[] modules, byte[] dataModules, int size)
        {
            int bytesPerRow = QrBitRows.BytesPerRow(size);
            int phase = 0;
            for (int y = 0, at = 0; y < size; y++)
            {
                int pattern = RowBytes(mask, phase);
                for (int b = 0, shift = 0; b < bytesPerRow; b++, at++)
                {
                    modules[at] ^= (byte)((pattern >> shift) & dataModules[at]);
                    shift += 8;
                    if (shift == 24) shift = 0;
                }
                if (++phase == Period) phase = 0;
            }
        }

        private static short[] BuildTiles(bool rows)
        {
            short[] tiles = new short[Count * Period];
            for (int mask = 0; mask < Count; mask++)
            {
                for (int phase = 0; phase < Period; phase++)
                {
                    int bits = 0;
                    for (int k = 0; k < Period; k++)
                    {
                        if (rows ? Inverts(mask, phase, k) : Inverts(mask, k, phase)) bits |= 1 << k;
                    }
                    tiles[mask * Period + phase] = (short)bits;
                }
            }
            return tiles;
        }
    }
}
