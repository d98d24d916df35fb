using Terminal.Drivers.Display;
using Terminal.Ui.Fonts;

namespace Terminal.Ui
{
    /// <summary>
    /// Text and simple shapes on the frame buffer (u8g2's drawing layer): the small font, the large digits, the
    /// small font doubled for headlines, wrapped text, bars. Nothing here allocates: strings are read by index
    /// and numbers are turned into digits in one scratch buffer made at start-up (one UI thread draws).
    /// </summary>
    public static class Canvas
    {
        public const int LineHeightPx = 9;
        public const int TitleBarHeightPx = 10;
        public const int HintY = 56;

        private static readonly char[] Digits = new char[12];

        public static int TextWidth(string text)
        {
            return CharsWidth(text.Length);
        }

        /// <summary>Width in pixels of that many small-font characters (no gap after the last).</summary>
        public static int CharsWidth(int count)
        {
            return count == 0 ? 0 : count * SmallFont.AdvancePx - 1;
        }

        // The functions that draw small-font text (Text, Chars, Wrapped, TextCentered, TextRight, Number) each loop
        // over the glyphs themselves rather than through Glyph or Text: on nanoCLR every call frame costs heap (about
        // 400 B on the bench), and drawing is the UI loop's deepest path while the network worker may be deep too
        // (docs/memory.md). So a screen function is at most two calls above FrameBuffer.DrawColumns.

        /// <summary>Draws text in the small font with its top at y; returns the x after the last cell.</summary>
        public static int Text(FrameBuffer fb, string text, int x, int y, bool lit)
        {
            for (int i = 0; i < text.Length; i++, x += SmallFont.AdvancePx)
                fb.DrawColumns(SmallFont.Glyphs, SmallFont.GlyphOffset(text[i]), SmallFont.GlyphWidthPx, 1, x, y, lit);
            return x;
        }

        public static int Chars(FrameBuffer fb, char[] chars, int start, int count, int x, int y, bool lit)
        {
            for (int i = start; i < start + count; i++, x += SmallFont.AdvancePx)
                fb.DrawColumns(SmallFont.Glyphs, SmallFont.GlyphOffset(chars[i]), SmallFont.GlyphWidthPx, 1, x, y, lit);
            return x;
        }

        public static int Glyph(FrameBuffer fb, char c, int x, int y, bool lit)
        {
            fb.DrawColumns(SmallFont.Glyphs, SmallFont.GlyphOffset(c), SmallFont.GlyphWidthPx, 1, x, y, lit);
            return x + SmallFont.AdvancePx;
        }

        public static void TextCentered(FrameBuffer fb, string text, int y, bool lit)
        {
            int x = (FrameBuffer.WidthPx - TextWidth(text)) / 2;
            for (int i = 0; i < text.Length; i++, x += SmallFont.AdvancePx)
                fb.DrawColumns(SmallFont.Glyphs, SmallFont.GlyphOffset(text[i]), SmallFont.GlyphWidthPx, 1, x, y, lit);
        }

        public static void TextRight(FrameBuffer fb, string text, int rightX, int y, bool lit)
        {
            int x = rightX - TextWidth(text);
            for (int i = 0; i < text.Length; i++, x += SmallFont.AdvancePx)
                fb.DrawColumns(SmallFont.Glyphs, SmallFont.GlyphOffset(text[i]), SmallFont.GlyphWidthPx, 1, x, y, lit);
        }

        /// <summary>A lit bar across the top with the title in unlit letters (and an optional right-hand note).</summary>
        public static void TitleBar(FrameBuffer fb, string title, string note)
        {
            fb.FillRect(0, 0, FrameBuffer.WidthPx, TitleBarHeightPx, true);
            Text(fb, title, 2, 1, false);
            if (note != null) TextRight(fb, note, FrameBuffer.WidthPx - 2, 1, false);
        }

        /// <summary>The key hint line at the bottom of the panel.</summary>
        public static void Hint(FrameBuffer fb, string hint)
        {
            TextCentered(fb, hint, HintY, true);
        }

        /// <summary>How many lines <see cref="Wrapped"/> needs for the whole text (layout checks).</summary>
        public static int WrappedLineCount(string text, int widthPx)
        {
            return Wrapped(null, text, 0, 0, widthPx, int.MaxValue, true);
        }

        /// <summary>
        /// Word-wraps text into lines of at most widthPx, breaking at spaces (a word longer than a line is cut),
        /// centred; returns how many lines were drawn (fb null: only counts them).
        /// </summary>
        public static int Wrapped(FrameBuffer fb, string text, int x, int y, int widthPx, int maxLines, bool lit)
        {
            int maxChars = (widthPx + 1) / SmallFont.AdvancePx;
            int start = 0;
            int lines = 0;
            int n = text.Length;
            while (start < n && lines < maxLines)
            {
                while (start < n && text[start] == ' ') start++;
                if (start >= n) break;
                int end = start + maxChars;
                if (end >= n) end = n;
                else
                {
                    int space = end;
                    while (space > start && text[space] != ' ') space--;
                    if (space > start) end = space;
                }
                int last = end;
                while (last > start && text[last - 1] == ' ') last--;
                int widthOfLine = (last - start) * SmallFont.AdvancePx - 1;
                int left = x + (widthPx - widthOfLine) / 2;
                if (fb != null)
                {
                    for (int i = start; i < last; i++, left += SmallFont.AdvancePx)
                        fb.DrawColumns(SmallFont.Glyphs, SmallFont.GlyphOffset(text[i]), SmallFont.GlyphWidthPx, 1, left, y, lit);
                }
                start = end;
                y += LineHeightPx;
                lines++;
            }
            return lines;
        }

        /// <summary>The small font at twice the size (10x14 letters), for headlines such as PAID.</summary>
        public static int TextDouble(FrameBuffer fb, string text, int x, int y)
        {
            for (int i = 0; i < text.Length; i++) x = GlyphDouble(fb, text[i], x, y);
            return x;
        }

        /// <summary>One small-font glyph at twice the size; returns the x after its cell.</summary>
        public static int GlyphDouble(FrameBuffer fb, char c, int x, int y)
        {
            byte[] glyphs = SmallFont.Glyphs;
            int offset = SmallFont.GlyphOffset(c);
            for (int column = 0; column < SmallFont.GlyphWidthPx; column++)
            {
                int bits = glyphs[offset + column];
                for (int bit = 0; bit < SmallFont.HeightPx; bit++)
                {
                    if ((bits & (1 << bit)) != 0) fb.FillRect(x + 2 * column, y + 2 * bit, 2, 2, true);
                }
            }
            return x + 2 * SmallFont.AdvancePx;
        }

        public static int TextDoubleWidth(string text)
        {
            return text.Length == 0 ? 0 : 2 * (text.Length * SmallFont.AdvancePx - 1);
        }

        /// <summary>Width of text in the large digits; characters they lack count as a space.</summary>
        public static int LargeWidth(char[] chars, int count)
        {
            int width = 0;
            for (int i = 0; i < count; i++) width += LargeDigits.WidthPx(LargeDigits.GlyphFor(chars[i])) + LargeDigits.GapPx;
            return count == 0 ? 0 : width - LargeDigits.GapPx;
        }

        /// <summary>Draws an amount in the large digits with its top at y; at y on a page boundary each column is two byte ORs.</summary>
        public static int Large(FrameBuffer fb, char[] chars, int count, int x, int y)
        {
            for (int i = 0; i < count; i++)
            {
                int index = LargeDigits.GlyphFor(chars[i]);
                int width = LargeDigits.WidthPx(index);
                fb.DrawColumns(LargeDigits.Glyphs, LargeDigits.Offset(index), width, LargeDigits.PagesPerColumn, x, y, true);
                x += width + LargeDigits.GapPx;
            }
            return x;
        }

        /// <summary>A non-negative number in the small font, at least minDigits wide (leading zeros).</summary>
        public static int Number(FrameBuffer fb, int value, int minDigits, int x, int y, bool lit)
        {
            int count = FormatDigits(value, minDigits);
            // The digits and sign are ASCII, whose glyphs lie in code order (SmallFont.GlyphOffset): no call per digit,
            // this is under the countdown drawn every second while the worker signs its long poll.
            for (int i = Digits.Length - count; i < Digits.Length; i++, x += SmallFont.AdvancePx)
                fb.DrawColumns(SmallFont.Glyphs, (Digits[i] - ' ') * SmallFont.BytesPerGlyph, SmallFont.GlyphWidthPx, 1, x, y, lit);
            return x;
        }

        /// <summary>Minutes and seconds as m:ss (the countdown).</summary>
        public static int MinutesSeconds(FrameBuffer fb, int seconds, int x, int y, bool lit)
        {
            if (seconds < 0) seconds = 0;
            x = Number(fb, seconds / 60, 1, x, y, lit);
            x = Glyph(fb, ':', x, y, lit);
            return Number(fb, seconds % 60, 2, x, y, lit);
        }

        /// <summary>A framed bar filled to percent (clamped to 0-100).</summary>
        public static void ProgressBar(FrameBuffer fb, int x, int y, int widthPx, int heightPx, int percent)
        {
            if (percent < 0) percent = 0;
            if (percent > 100) percent = 100;
            fb.DrawRect(x, y, widthPx, heightPx, true);
            fb.FillRect(x + 2, y + 2, (widthPx - 4) * percent / 100, heightPx - 4, true);
        }

        /// <summary>Width of a tourist line (<see cref="TouristTexts"/>) in <see cref="CjkFont"/>.</summary>
        public static int TouristWidth(string text)
        {
            int width = 0;
            for (int i = 0; i < text.Length; i++) width += CjkFont.IndexOf(text[i]) >= 0 ? CjkFont.WidthPx : SmallFont.AdvancePx;
            return width;
        }

        /// <summary>
        /// Draws a tourist line in the Chinese glyphs with its top at y; a character the font lacks (a test
        /// forbids it) draws as the small font's '?'. Returns the x after the last glyph.
        /// </summary>
        public static int TouristText(FrameBuffer fb, string text, int x, int y, bool lit)
        {
            for (int i = 0; i < text.Length; i++)
            {
                int index = CjkFont.IndexOf(text[i]);
                if (index < 0)
                {
                    x = Glyph(fb, SmallFont.Missing, x, y, lit);
                    continue;
                }
                fb.DrawColumns(CjkFont.Glyphs, CjkFont.Offset(index), CjkFont.WidthPx, CjkFont.PagesPerColumn, x, y, lit);
                x += CjkFont.WidthPx;
            }
            return x;
        }

        /// <summary>A tourist line centred on the panel.</summary>
        public static void TouristCentered(FrameBuffer fb, string text, int y, bool lit)
        {
            TouristText(fb, text, (FrameBuffer.WidthPx - TouristWidth(text)) / 2, y, lit);
        }

        private static int FormatDigits(int value, int minDigits)
        {
            if (value < 0) value = 0;
            int count = 0;
            do
            {
                Digits[Digits.Length - 1 - count] = (char)('0' + value % 10);
                value /= 10;
                count++;
            }
            while (value > 0 && count < Digits.Length);
            while (count < minDigits && count < Digits.Length) Digits[Digits.Length - 1 - count++] = '0';
            return count;
        }
    }
}
