namespace Terminal.Text
{
    /// <summary>
    /// The checksum of the small records kept in flash (the sale journal, the PIN lockout): FNV-1a, 32 bits, over
    /// the record's ASCII characters, written as 8 lowercase hex digits. It detects a torn or damaged record, not
    /// tampering (whoever can write the flash can compute it).
    /// </summary>
    public static class RecordChecksum
    {
        public const int HexChars = 8;

        /// <summary>FNV-1a of the first <paramref name="length"/> characters (low byte of each), as 8 lowercase hex digits.</summary>
        public static string Hex8(string text, int length)
        {
            uint hash = 2166136261;
            for (int i = 0; i < length; i++)
            {
                hash ^= (byte)text[i];
                hash *= 16777619;
            }
            char[] hex = new char[HexChars];
            for (int i = HexChars - 1; i >= 0; i--)
            {
                hex[i] = Hex.Digit((int)(hash & 0xF));
                hash >>= 4;
            }
            return new string(hex);
        }

        /// <summary>True when the text is printable ASCII and ends in the checksum of everything before it.</summary>
        public static bool Holds(string text)
        {
            if (text == null || text.Length <= HexChars) return false;
            for (int i = 0; i < text.Length; i++)
                if (text[i] < ' ' || text[i] > '~') return false;
            int body = text.Length - HexChars;
            return Hex8(text, body) == text.Substring(body);
        }
    }
}
