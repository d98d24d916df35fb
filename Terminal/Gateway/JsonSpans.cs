using Terminal.Text;

namespace Terminal.Gateway
{
    /// <summary>
    /// Reads the string and integer spans that <see cref="JsonReader"/> has already checked: decodes escapes and
    /// UTF-8 into UTF-16, compares spans by what they decode to, and parses integers. Works on the reader's
    /// buffer; allocates nothing.
    /// </summary>
    public sealed class JsonSpans
    {
        /// <summary>The text being read (set by the reader for each message).</summary>
        public byte[] Text;

        /// <summary>Compares two checked string spans by what they decode to (so "a" equals "\u0061").</summary>
        public bool SpansEqual(int aStart, int aEnd, int bStart, int bEnd)
        {
            // UTF-16 code unit by code unit: a 4-byte UTF-8 sequence is its surrogate pair, so it equals the same pair
            // written as two escapes. Each side's next unit is read here rather than by a helper: this runs at the
            // deepest point of every response's parse, and each call frame is heap in nanoCLR (docs/memory.md).
            int a = aStart;
            int b = bStart;
            int pendingA = -1; // the low surrogate still owed by a 4-byte UTF-8 sequence
            int pendingB = -1;
            while (true)
            {
                int unitA = pendingA;
                pendingA = -1;
                if (unitA < 0 && a < aEnd)
                {
                    unitA = NextUnit(ref a, aEnd);
                    if (unitA > 0xFFFF)
                    {
                        pendingA = LowSurrogate(unitA);
                        unitA = HighSurrogate(unitA);
                    }
                }
                int unitB = pendingB;
                pendingB = -1;
                if (unitB < 0 && b < bEnd)
                {
                    unitB = NextUnit(ref b, bEnd);
                    if (unitB > 0xFFFF)
                    {
                        pendingB = LowSurrogate(unitB);
                        unitB = HighSurrogate(unitB);
                    }
                }
                if (unitA != unitB) return false;
                if (unitA < 0) return true;
            }
        }

        public bool SpanEquals(int start, int end, string expected)
        {
            int i = 0;
            int pos = start;
            while (pos < end)
            {
                int unit = NextUnit(ref pos, end);
                if (unit < 0) return false;
                if (unit > 0xFFFF)
                {
                    if (i + 2 > expected.Length || expected[i] != HighSurrogate(unit) || expected[i + 1] != LowSurrogate(unit)) return false;
                    i += 2;
                }
                else
                {
                    if (i >= expected.Length || expected[i] != (char)unit) return false;
                    i++;
                }
            }
            return i == expected.Length;
        }

        /// <summary>The UTF-16 length a checked string span decodes to.</summary>
        public int DecodedLength(int start, int end)
        {
            int n = 0;
            int pos = start;
            while (pos < end) n += NextUnit(ref pos, end) > 0xFFFF ? 2 : 1;
            return n;
        }

        /// <summary>Decodes a checked string span into dest; returns the UTF-16 length or -1 if it does not fit.</summary>
        public int Decode(int start, int end, char[] dest)
        {
            int n = 0;
            int pos = start;
            while (pos < end)
            {
                int unit = NextUnit(ref pos, end);
                if (unit > 0xFFFF)
                {
                    if (n + 2 > dest.Length) return -1;
                    dest[n++] = HighSurrogate(unit);
                    dest[n++] = LowSurrogate(unit);
                }
                else
                {
                    if (n >= dest.Length) return -1;
                    dest[n++] = (char)unit;
                }
            }
            return n;
        }

        /// <summary>
        /// The next code point of a checked string span: a UTF-16 code unit (escapes give single units, so an
        /// escaped surrogate pair arrives as two), or above 0xFFFF for a 4-byte UTF-8 sequence, which the callers
        /// split into a surrogate pair. Malformed UTF-8 gives U+FFFD (as Utf8.Decode does).
        /// </summary>
        private int NextUnit(ref int pos, int end)
        {
            int b0 = Text[pos];
            if (b0 == '\\')
            {
                int e = Text[pos + 1];
                pos += 2;
                int unit; // one exit: see Texts.Get
                switch (e)
                {
                    case 'b': unit = '\b'; break;
                    case 'f': unit = '\f'; break;
                    case 'n': unit = '\n'; break;
                    case 'r': unit = '\r'; break;
                    case 't': unit = '\t'; break;
                    case 'u':
                        unit = (Hex.Value(Text[pos]) << 12) | (Hex.Value(Text[pos + 1]) << 8) | (Hex.Value(Text[pos + 2]) << 4) | Hex.Value(Text[pos + 3]);
                        pos += 4;
                        break;
                    default: unit = e; break; // '"', '\\', '/'
                }
                return unit;
            }
            if (b0 < 0x80)
            {
                pos++;
                return b0;
            }
            int need;
            int cp;
            int min;
            if ((b0 & 0xE0) == 0xC0) { need = 1; cp = b0 & 0x1F; min = 0x80; }
            else if ((b0 & 0xF0) == 0xE0) { need = 2; cp = b0 & 0x0F; min = 0x800; }
            else if ((b0 & 0xF8) == 0xF0) { need = 3; cp = b0 & 0x07; min = 0x10000; }
            else { pos++; return Terminal.Text.Utf8.Replacement; }
            int j = 1;
            while (j <= need && pos + j < end && (Text[pos + j] & 0xC0) == 0x80)
            {
                cp = (cp << 6) | (Text[pos + j] & 0x3F);
                j++;
            }
            pos += j;
            if (j <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Terminal.Text.Utf8.Replacement;
            return cp;
        }

        private static char HighSurrogate(int codePoint) { return (char)(0xD800 + ((codePoint - 0x10000) >> 10)); }
        private static char LowSurrogate(int codePoint) { return (char)(0xDC00 + ((codePoint - 0x10000) & 0x3FF)); }

        public long ParseInteger(int start, int end)
        {
            bool negative = Text[start] == '-';
            long value = 0;
            for (int i = negative ? start + 1 : start; i < end; i++) value = value * 10 + (Text[i] - '0');
            return negative ? -value : value;
        }
    }
}
