namespace Terminal.Gateway
{
    /// <summary>Decimal numbers to and from ASCII characters in reusable buffers (header values).</summary>
    public static class AsciiDecimal
    {
        /// <summary>The most characters <see cref="Write"/> writes: a non-negative long's digits.</summary>
        public const int MaxWrittenChars = 19;

        /// <summary>Writes a non-negative value's digits at dest[offset]; returns how many (or -1 if no room).</summary>
        public static int Write(long value, char[] dest, int offset)
        {
            if (value < 0) return -1;
            int count = 0;
            long rest = value;
            do { count++; rest /= 10; } while (rest != 0);
            if (offset + count > dest.Length) return -1;
            rest = value;
            for (int i = offset + count - 1; i >= offset; i--)
            {
                dest[i] = (char)('0' + (int)(rest % 10));
                rest /= 10;
            }
            return count;
        }

        /// <summary>Reads 1 to 18 decimal digits (no sign); false on anything else.</summary>
        public static bool TryParse(char[] text, int offset, int count, out long value)
        {
            value = 0;
            if (count < 1 || count > MaxDigits) return false;
            for (int i = 0; i < count; i++)
            {
                char c = text[offset + i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }

        /// <summary>The same for a field inside a string (the flash records), without copying it out.</summary>
        public static bool TryParse(string text, int offset, int count, out long value)
        {
            value = 0;
            if (count < 1 || count > MaxDigits || offset < 0 || offset + count > text.Length) return false;
            for (int i = 0; i < count; i++)
            {
                char c = text[offset + i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }

        /// <summary>18 digits always fit a long (19 may not).</summary>
        private const int MaxDigits = 18;
    }
}
