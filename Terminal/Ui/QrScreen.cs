using Terminal.Drivers.Display;
using Terminal.Qr;

namespace Terminal.Ui
{
    /// <summary>
    /// The QR screen: the payment code in a lit 64x64 box on the left (quiet zone and light modules lit, dark
    /// modules unlit, because an unlit OLED pixel is black and readers want dark-on-light), at the largest
    /// integer scale that fits with at least one module of quiet zone; on the right, top to bottom: the amount
    /// and its currency, "scan" in the cashier's language and in Chinese for the tourist, the countdown and
    /// the cancel hint. Text keeps a margin from the panel's top and right edges, which a module's bezel may
    /// hide. The countdown sits alone on page 6, so a tick of the clock sends one page.
    /// </summary>
    public static class QrScreen
    {
        public const int BoxPx = 64;
        public const int QuietZoneModules = 1;

        /// <summary>
        /// The largest QR version this screen can show: the largest whose symbol and quiet zone fit the box at
        /// 1 px per module (version 11: 61 modules + 2 = 63 px). The terminal's encoder buffers are sized for it.
        /// A property, not a static field: nanoCLR runs class constructors in no particular order, so another
        /// class's static field initialised from this one could read 0.
        /// </summary>
        public static int MaxVersion { get { return QrSpec.LargestVersionWithin(BoxPx - 2 * QuietZoneModules); } }
        public const int SideX = 66;

        /// <summary>Blank pixels between the side's text and the panel's right edge.</summary>
        public const int RightMarginPx = 2;

        /// <summary>The side's usable width, from <see cref="SideX"/> to the right margin.</summary>
        public const int SideWidthPx = FrameBuffer.WidthPx - RightMarginPx - SideX;

        public const int AmountY = 1;
        public const int CurrencyY = AmountY + 17;
        public const int PromptY = CurrencyY + 9;
        public const int TouristPromptY = PromptY + 9;
        public const int CountdownY = 48;

        public static void Draw(ScreenModel m, FrameBuffer fb)
        {
            fb.FillRect(0, 0, BoxPx, BoxPx, true);
            if (!DrawSymbol(m, fb))
            {
                Canvas.Wrapped(fb, Texts.Get(Texts.QrTooLarge, m.Language), 2, 24, BoxPx - 4, 3, false);
            }

            // The side: amount, prompts, countdown, hint. Drawn here rather than in a function of its own: this screen
            // is redrawn every second while the worker is in a long poll, and on nanoCLR each call frame costs heap
            // (docs/memory.md).
            int right = FrameBuffer.WidthPx - RightMarginPx; // the x after the last lit column
            int amountWidth = Canvas.LargeWidth(m.AmountChars, m.AmountLength);
            if (amountWidth <= SideWidthPx)
            {
                Canvas.Large(fb, m.AmountChars, m.AmountLength, right - amountWidth, AmountY);
                Canvas.TextRight(fb, m.CurrencyCode, right, CurrencyY, true);
            }
            else
            {
                // Too wide for the large digits beside the code: small digits, currency below.
                int x = right - Canvas.CharsWidth(m.AmountLength);
                Canvas.Chars(fb, m.AmountChars, 0, m.AmountLength, x, AmountY + 3, true);
                Canvas.TextRight(fb, m.CurrencyCode, right, AmountY + 13, true);
            }
            Canvas.Wrapped(fb, Texts.Get(Texts.ScanToPay, m.Language), SideX, PromptY, SideWidthPx, 1, true);
            Canvas.TouristText(fb, TouristTexts.ScanWithAlipay, right - Canvas.TouristWidth(TouristTexts.ScanWithAlipay), TouristPromptY, true);
            int x2 = Canvas.Glyph(fb, '\u231B', SideX + 4, CountdownY, true) + 4;
            Canvas.MinutesSeconds(fb, m.SecondsLeft, x2, CountdownY, true);
            Canvas.TextRight(fb, Texts.Get(Texts.CancelHint, m.Language), right, Canvas.HintY, true);
        }

        /// <summary>Largest module size in pixels for a symbol of sizeModules, or 0 when it does not fit.</summary>
        public static int ScaleFor(int sizeModules)
        {
            return BoxPx / (sizeModules + 2 * QuietZoneModules);
        }

        /// <summary>
        /// Centres the symbol in the lit box and clears (unlits) its dark modules; false when there is no symbol
        /// (a failed encode leaves the code empty) or it does not fit even at one pixel per module.
        /// </summary>
        private static bool DrawSymbol(ScreenModel m, FrameBuffer fb)
        {
            QrCode qr = m.Qr;
            if (qr == null || !qr.IsValid) return false;
            int size = qr.Size;
            int scale = ScaleFor(size);
            if (scale < 1) return false;
            int origin = (BoxPx - size * scale) / 2;
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    if (qr.GetModule(x, y)) fb.FillRect(origin + x * scale, origin + y * scale, scale, scale, false);
                }
            }
            return true;
        }
    }
}
