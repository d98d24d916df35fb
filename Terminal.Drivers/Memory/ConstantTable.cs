using System;

namespace Terminal.Drivers.Memory
{
    /// <summary>
    /// Constant tables (fonts, QR and SHA-256 constants, panel commands, sounds) written as text and made into arrays
    /// once, at class load. Why not array initializers: for each `{ 1, 2, 3 }` the compiler adds a hidden static field
    /// and a value type holding the data, and nanoCLR keeps both on the managed heap for the firmware's life (48 bytes
    /// a table on the bench, issue 18), besides the array itself. A string literal stays in the assembly's string data
    /// (flash on the device) and its temporary copy is collected after the parse.
    /// </summary>
    public static class ConstantTable
    {
        /// <summary>Bytes of a hex text, two digits a byte ("3E 51 49" or "3E5149"); spaces separate nothing.</summary>
        public static byte[] HexBytes(string text)
        {
            char[] chars = text.ToCharArray();
            byte[] bytes = new byte[CountDigits(chars) / 2];
            int digits = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == ' ') continue;
                int value = HexDigitValue(chars[i]);
                if ((digits & 1) == 0) bytes[digits >> 1] = (byte)(value << 4);
                else bytes[digits >> 1] |= (byte)value;
                digits++;
            }
            return bytes;
        }

        /// <summary>32-bit words of a hex text, eight digits a word, spaces ignored ("428a2f98 71374491").</summary>
        public static uint[] HexWords(string text)
        {
            byte[] bytes = HexBytes(text);
            if (bytes.Length % 4 != 0) throw new ArgumentException("hex words need eight digits each");
            uint[] words = new uint[bytes.Length / 4];
            for (int i = 0; i < words.Length; i++)
            {
                int at = 4 * i;
                words[i] = (uint)bytes[at] << 24 | (uint)bytes[at + 1] << 16 | (uint)bytes[at + 2] << 8 | bytes[at + 3];
            }
            return words;
        }

        /// <summary>Whole numbers 0-255 separated by spaces ("7 10 15").</summary>
        public static byte[] DecimalBytes(string text)
        {
            int[] values = DecimalInts(text);
            byte[] bytes = new byte[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] > 255) throw new ArgumentException("a byte table holds 0-255");
                bytes[i] = (byte)values[i];
            }
            return bytes;
        }

        /// <summary>Non-negative whole numbers separated by spaces ("2637 90 0 30").</summary>
        public static int[] DecimalInts(string text)
        {
            char[] chars = text.ToCharArray();
            int count = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] != ' ' && (i == 0 || chars[i - 1] == ' ')) count++;
            }
            int[] values = new int[count];
            int at = -1;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c == ' ') continue;
                if (c < '0' || c > '9') throw new ArgumentException("a decimal table holds digits and spaces");
                if (i == 0 || chars[i - 1] == ' ') at++;
                values[at] = values[at] * 10 + (c - '0');
            }
            return values;
        }

        private static int CountDigits(char[] chars)
        {
            int digits = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] != ' ') digits++;
            }
            if ((digits & 1) != 0) throw new ArgumentException("a hex table needs two digits a byte");
            return digits;
        }

        private static int HexDigitValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            throw new ArgumentException("a hex table holds 0-9, a-f and spaces");
        }
    }
}
