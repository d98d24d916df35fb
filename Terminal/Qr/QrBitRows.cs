namespace Terminal.Qr
{
    /// <summary>
    /// A square of modules kept one bit each, row by row: row y of a symbol of side s starts at byte
    /// y * BytesPerRow(s); module x is bit (x % 8) of that row's byte x / 8. Bits past the side stay 0.
    /// Eight times smaller than a byte per module (version 10: 456 bytes instead of 3,249), and a mask is
    /// applied eight modules at a time.
    /// </summary>
    public static class QrBitRows
    {
        public static int BytesPerRow(int side)
        {
            return (side + 7) >> 3;
        }

        public static byte[] Allocate(int side)
        {
            return new byte[side * BytesPerRow(side)];
        }

        public static bool Get(byte[] rows, int bytesPerRow, int x, int y)
        {
            return ((rows[y * bytesPerRow + (x >> 3)] >> (x & 7)) & 1) != 0;
        }

        public static void Set(byte[] rows, int bytesPerRow, int x, int y, bool on)
        {
            int at = y * bytesPerRow + (x >> 3);
            int bit = 1 << (x & 7);
            if (on) rows[at] = (byte)(rows[at] | bit);
            else rows[at] = (byte)(rows[at] & ~bit);
        }
    }
}
