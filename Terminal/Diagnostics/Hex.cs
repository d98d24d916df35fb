namespace Terminal.Diagnostics
{
    /// <summary>Lower-case hex text of bytes, for known-answer comparisons and log lines.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        public static string Of(byte[] bytes, int offset, int count)
        {
            char[] text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = bytes[offset + i];
                text[2 * i] = Digits[b >> 4];
                text[2 * i + 1] = Digits[b & 0x0F];
            }
            return new string(text);
        }
    }
}
