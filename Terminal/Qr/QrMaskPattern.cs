namespace Terminal.Qr
{
    /// <summary>
    /// The eight data mask patterns of ISO/IEC 18004 7.8.2 (Table 10), i = row, j = column. Every formula
    /// repeats every 12 rows and 12 columns, so each mask is kept as a 12x12 tile built once at class load:
    /// applying a mask is then one table look-up per module instead of a formula.
    /// </summary>
    public static class QrMaskPattern
    {
        public const int Count = 8;
        private const int Period = 12;

        private static readonly byte[][] Tiles = BuildTiles();

        /// <summary>True where mask `mask` inverts the module at row i, column j (Table 10).</summary>
        public static bool Inverts(int mask, int i, int j)
        {
            switch (mask)
            {
                case 0: return (i + j) % 2 == 0;
                case 1: return i % 2 == 0;
                case 2: return j % 3 == 0;
                case 3: return (i + j) % 3 == 0;
                case 4: return (i / 2 + j / 3) % 2 == 0;
                case 5: return (i * j) % 2 + (i * j) % 3 == 0;
                case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
                case 7: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
                default: throw new System.ArgumentOutOfRangeException("mask");
            }
        }

        /// <summary>
        /// XORs the mask into every module where dataModules is 1 (not a function pattern). Applying the
        /// same mask twice restores the modules.
        /// </summary>
        public static void Apply(int mask, byte[] modules, byte[] dataModules, int size)
        {
            byte[] tile = Tiles[mask];
            int at = 0;
            int tileRow = 0;
            for (int y = 0; y < size; y++)
            {
                int tileColumn = 0;
                for (int x = 0; x < size; x++, at++)
                {
                    modules[at] ^= (byte)(tile[tileRow + tileColumn] & dataModules[at]);
                    if (++tileColumn == Period) tileColumn = 0;
                }
                tileRow += Period;
                if (tileRow == Period * Period) tileRow = 0;
            }
        }

        private static byte[][] BuildTiles()
        {
            byte[][] tiles = new byte[Count][];
            for (int mask = 0; mask < Count; mask++)
            {
                byte[] tile = new byte[Period * Period];
                for (int i = 0; i < Period; i++)
                {
                    for (int j = 0; j < Period; j++) tile[i * Period + j] = (byte)(Inverts(mask, i, j) ? 1 : 0);
                }
                tiles[mask] = tile;
            }
            return tiles;
        }
    }
}
