namespace Terminal.Text
{
    /// <summary>
    /// UTF-8 (RFC 3629) to and from strings. nanoFramework's mscorlib has no System.Text.Encoding, and the QR
    /// encoder and the gateway protocol both carry UTF-8 bytes. Encoding writes into caller-owned buffers.
    /// Unpaired surrogates and malformed input become U+FFFD, never an exception.
    /// </summary>
    public static class Utf8
    {
        public const char Replacement = '\uFFFD';

        /// <summary>Number of bytes <see cref="Encode"/> writes for the text.</summary>
        public static int GetByteCount(string text)
        {
            int count = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80) count += 1;
                else if (c < 0x800) count += 2;
                else if (IsHighSurrogate(c) && i + 1 < text.Length && IsLowSurrogate(text[i + 1])) { count += 4; i++; }
                else count += 3;
            }
            return count;
        }

        /// <summary>
        /// Writes the text's UTF-8 bytes at dest[offset]; returns how many were written, or -1 (nothing
        /// promised about dest) if they would not fit.
        /// </summary>
        public static int Encode(string text, byte[] dest, int offset)
        {
            int at = offset;
            int end = dest.Length;
            for (int i = 0; i < text.Length; i++)
            {
                int cp = text[i];
                if (IsHighSurrogate((char)cp) && i + 1 < text.Length && IsLowSurrogate(text[i + 1]))
                {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                }
                else if (cp >= 0xD800 && cp <= 0xDFFF)
                {
                    cp = Replacement;
                }

                if (cp < 0x80)
                {
                    if (at + 1 > end) return -1;
                    dest[at++] = (byte)cp;
                }
                else if (cp < 0x800)
                {
                    if (at + 2 > end) return -1;
                    dest[at++] = (byte)(0xC0 | (cp >> 6));
                    dest[at++] = (byte)(0x80 | (cp & 0x3F));
                }
                else if (cp < 0x10000)
                {
                    if (at + 3 > end) return -1;
                    dest[at++] = (byte)(0xE0 | (cp >> 12));
                    dest[at++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    dest[at++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    if (at + 4 > end) return -1;
                    dest[at++] = (byte)(0xF0 | (cp >> 18));
                    dest[at++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    dest[at++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    dest[at++] = (byte)(0x80 | (cp & 0x3F));
                }
            }
            return at - offset;
        }

        /// <summary>Decodes UTF-8 bytes into a new string; malformed sequences become U+FFFD.</summary>
        public static string Decode(byte[] src, int offset, int count)
        {
            char[] chars = new char[count * 2]; // worst case: every byte a 4-byte sequence start is <= 2 chars per byte
            int n = 0;
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b0 = src[i];
                int need;
                int cp;
                int min;
                if (b0 < 0x80) { chars[n++] = (char)b0; i++; continue; }
                else if ((b0 & 0xE0) == 0xC0) { need = 1; cp = b0 & 0x1F; min = 0x80; }
                else if ((b0 & 0xF0) == 0xE0) { need = 2; cp = b0 & 0x0F; min = 0x800; }
                else if ((b0 & 0xF8) == 0xF0) { need = 3; cp = b0 & 0x07; min = 0x10000; }
                else { chars[n++] = Replacement; i++; continue; }

                int j = 1;
                while (j <= need && i + j < end && (src[i + j] & 0xC0) == 0x80)
                {
                    cp = (cp << 6) | (src[i + j] & 0x3F);
                    j++;
                }
                if (j <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    chars[n++] = Replacement;
                    i += j; // skip the lead byte and the continuation bytes that were consumed
                    continue;
                }
                i += j;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }
            }
            return new string(chars, 0, n);
        }

        private static bool IsHighSurrogate(char c) { return c >= 0xD800 && c <= 0xDBFF; }
        private static bool IsLowSurrogate(char c) { return c >= 0xDC00 && c <= 0xDFFF; }
    }
}
