namespace Terminal.Text
{
    /// <summary>Lower-case hex text of bytes (the protocol's signatures, nonces, order ids, known answers) and back.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>The lower-case digit of a value 0-15.</summary>
        public static char Digit(int nibble)
        {
            return Digits[nibble & 0x0F];
        }

        /// <summary>Writes 2 * count digits into <paramref name="into"/> at <paramref name="at"/>. Allocates nothing.</summary>
        public static void Write(byte[] bytes, int offset, int count, char[] into, int at)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = bytes[offset + i];
                into[at + 2 * i] = Digits[b >> 4];
                into[at + 2 * i + 1] = Digits[b & 0x0F];
            }
        }

        public static string Of(byte[] bytes, int offset, int count)
        {
            char[] text = new char[count * 2];
            Write(bytes, offset, count, text, 0);
            return new string(text);
        }

        /// <summary>0-15 for a hex digit of either case, else -1.</summary>
        public static int Value(int c)
        {
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return LowerCaseValue(c);
        }

        /// <summary>0-15 for a digit or a lower-case a-f (as the protocol writes them), else -1.</summary>
        public static int LowerCaseValue(int c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }
    }
}
