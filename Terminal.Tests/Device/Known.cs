namespace Terminal.Tests.Device
{
    /// <summary>Small helpers of the on-device tests: hex text and the FNV-1a 32 checksums the known answers use.</summary>
    public static class Known
    {
        private const string HexDigits = "0123456789abcdef";

        public static string Hex(byte[] bytes, int offset, int count)
        {
            char[] text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                text[2 * i] = HexDigits[bytes[offset + i] >> 4];
                text[2 * i + 1] = HexDigits[bytes[offset + i] & 0xF];
            }
            return new string(text);
        }

        public static uint Fnv1a(byte[] bytes, int offset, int count)
        {
            uint hash = 0x811C9DC5;
            for (int i = offset; i < offset + count; i++)
            {
                hash ^= bytes[i];
                hash *= 0x01000193;
            }
            return hash;
        }
    }
}
