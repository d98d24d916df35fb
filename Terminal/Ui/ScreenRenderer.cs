using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Ui.Fonts;

namespace Terminal.Ui
{
    /// <summary>
    /// Draws the screen the model asks for: each screen is one function of the model that clears the frame and
    /// draws all of it. The frame buffer and the panel driver then send only the pages that differ from what
    /// the panel shows, so redrawing everything costs nothing on the bus. Layout: a 10 px title bar, content,
    /// key hints on the last page. Nothing here allocates.
    /// </summary>
    public static class ScreenRenderer
    {
        /// <summary>Amount screen: the large amount sits exactly on pages 2-3, so a digit key changes two pages.</summary>
        public const int AmountTopY = 16;
        public const int AmountRightX = 103;
        public const int CurrencyX = 107;

        public static void Draw(ScreenModel m, FrameBuffer fb)
        {
            fb.Clear();
            switch (m.Screen)
            {
                case ScreenId.Boot: DrawBoot(m, fb); break;
                case ScreenId.Amount: DrawAmount(m, fb); break;
                case ScreenId.Creating: DrawCreating(m, fb, Texts.CreatingOrder); break;
                case ScreenId.Closing: DrawCreating(m, fb, Texts.Closing); break;
                case ScreenId.Qr: QrScreen.Draw(m, fb); break;
                case ScreenId.Paid: DrawPaid(m, fb); break;
                case ScreenId.Cancelled: DrawEnded(m, fb, Texts.Cancelled); break;
                case ScreenId.Expired: DrawEnded(m, fb, Texts.Expired); break;
                case ScreenId.Failed: DrawEnded(m, fb, Texts.FailedTitle); break;
                case ScreenId.NetworkError: DrawNetworkError(m, fb); break;
                case ScreenId.TechMenu: DrawTechMenu(m, fb); break;
                case ScreenId.PinEntry: DrawPinEntry(m, fb); break;
                case ScreenId.LastTransaction: DrawLastTransaction(m, fb); break;
                case ScreenId.SelfTestFailed: DrawSelfTestFailed(m, fb); break;
                case ScreenId.DisplayTest: DrawDisplayTest(m, fb); break;
                case ScreenId.KeypadTest: DrawKeypadTest(m, fb); break;
                case ScreenId.TechRefused: DrawTechRefused(m, fb); break;
                case ScreenId.RefundList: DrawLines(m, fb, Texts.RefundTitle, Texts.RefundListHint); break;
                case ScreenId.RefundAmount: DrawRefundAmount(m, fb); break;
                case ScreenId.RefundConfirm: DrawRefundConfirm(m, fb); break;
                case ScreenId.Refunding: DrawCreating(m, fb, Texts.Refunding); break;
                case ScreenId.Refunded: DrawRefunded(m, fb); break;
                case ScreenId.RefundRefused: DrawOutcome(m, fb, Texts.RefundRefused, null, Texts.PressAnyKey); break;
                case ScreenId.RefundPending: DrawOutcome(m, fb, Texts.RefundPending, null, Texts.BackHint); break;
                default: Canvas.TextCentered(fb, "?", 28, true); break;
            }
        }

        /// <summary>Boot: name, version, Wi-Fi and gateway status, progress.</summary>
        public static void DrawBoot(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, FirmwareInfo.Name, null);
            Canvas.Text(fb, Texts.Get(Texts.Starting, m.Language), 2, 13, true);
            Canvas.TextRight(fb, m.FirmwareVersion, 125, 13, true);
            Canvas.Text(fb, Texts.Get(Texts.Version, m.Language), 125 - Canvas.TextWidth(m.FirmwareVersion) - SmallFont.AdvancePx, 13, true);
            StatusLine(fb, Texts.Get(Texts.WiFi, m.Language), m.WifiStatus, m.Language, 24);
            StatusLine(fb, Texts.Get(Texts.Gateway, m.Language), m.GatewayStatus, m.Language, 34);
            Canvas.ProgressBar(fb, 2, 48, 124, 10, m.BootProgressPercent);
        }

        /// <summary>Amount entry: the amount large and right-aligned as on a cash register, the currency, key hints.</summary>
        public static void DrawAmount(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, Texts.Get(Texts.AmountTitle, m.Language), null);
            if (!EnteredAmount(m, fb)) Canvas.TextCentered(fb, Texts.Get(Texts.KeyInAmount, m.Language), 40, true);
            Canvas.Hint(fb, Texts.Get(Texts.AmountHint, m.Language));
        }

        /// <summary>
        /// An amount being keyed, large and right-aligned, and its currency; true when the last key was refused for
        /// passing the maximum: that shows as an inverted amount box (same two pages) and a note.
        /// </summary>
        private static bool EnteredAmount(ScreenModel m, FrameBuffer fb)
        {
            int width = Canvas.LargeWidth(m.AmountChars, m.AmountLength);
            Canvas.Large(fb, m.AmountChars, m.AmountLength, AmountRightX - width, AmountTopY);
            Canvas.Text(fb, m.CurrencyCode, CurrencyX, AmountTopY + 8, true);
            if (!m.AmountOverflowCue) return false;
            fb.InvertRect(0, AmountTopY, FrameBuffer.WidthPx, 16);
            Canvas.TextCentered(fb, Texts.Get(Texts.MaxAmount, m.Language), 40, true);
            return true;
        }

        /// <summary>Creating or closing an order: the gateway is asked; a slow gateway is said so.</summary>
        public static void DrawCreating(ScreenModel m, FrameBuffer fb, int titleText)
        {
            Canvas.TitleBar(fb, Texts.Get(titleText, m.Language), null);
            AmountCentered(m, fb, 14);
            Canvas.Glyph(fb, '\u231B', 2, 36, true);
            int waitText = m.Reason == Reason.GatewayTimeout ? Texts.GatewaySlow : Texts.PleaseWait;
            Canvas.Text(fb, Texts.Get(waitText, m.Language), 12, 36, true);
            Canvas.ProgressBar(fb, 2, 46, 124, 8, m.ProgressPercent);
            if (titleText == Texts.CreatingOrder) Canvas.Hint(fb, Texts.Get(Texts.CancelHint, m.Language)); // closing: no key helps any more
        }

        /// <summary>
        /// PAID: a large headline with a check mark, the same in Chinese for the tourist, the amount and the
        /// labelled order id; stays until the app moves on.
        /// </summary>
        public static void DrawPaid(ScreenModel m, FrameBuffer fb)
        {
            string paid = Texts.Get(Texts.Paid, m.Language);
            int width = Canvas.TextDoubleWidth(paid) + 2 * SmallFont.AdvancePx + 4; // a double-size check mark and a gap
            int x = (FrameBuffer.WidthPx - width) / 2;
            x = Canvas.GlyphDouble(fb, '\u2713', x, 2) + 4;
            Canvas.TextDouble(fb, paid, x, 2);
            Canvas.TouristCentered(fb, TouristTexts.Paid, 18, true);
            AmountCentered(m, fb, 30);
            LabelledOrderId(m, fb, 47);
            Canvas.Hint(fb, Texts.Get(Texts.PaidHint, m.Language)); // only OK acknowledges PAID
        }

        /// <summary>Cancelled, expired or failed: what happened, the amount, why, and the order id.</summary>
        public static void DrawEnded(ScreenModel m, FrameBuffer fb, int titleText)
        {
            DrawOutcome(m, fb, titleText, m.OrderId, Texts.PressAnyKey);
        }

        /// <summary>
        /// How a sale or a refund ended: the title (with the order id when it fits beside it), the amount, why, and the
        /// key hint. A refund's titles are too long for the id: its confirmation showed the sale.
        /// </summary>
        public static void DrawOutcome(ScreenModel m, FrameBuffer fb, int titleText, string titleOrderId, int hintText)
        {
            Canvas.TitleBar(fb, Texts.Get(titleText, m.Language), titleOrderId);
            AmountCentered(m, fb, 12);
            int lines = Canvas.Wrapped(fb, Texts.ReasonText(m.Reason, m.Language), 0, 30, FrameBuffer.WidthPx, 2, true);
            if (m.ReasonDetail != null) Canvas.TextCentered(fb, m.ReasonDetail, 30 + lines * Canvas.LineHeightPx, true);
            string tourist = titleText == Texts.Cancelled ? TouristTexts.Cancelled : titleText == Texts.Expired ? TouristTexts.Expired : null;
            if (tourist == null)
            {
                Canvas.Hint(fb, Texts.Get(hintText, m.Language));
                return;
            }
            // The tourist's line shares the bottom with the cashier's hint: hint left, Chinese right.
            Canvas.Text(fb, Texts.Get(Texts.PressAnyKey, m.Language), 2, Canvas.HintY, true);
            Canvas.TouristText(fb, tourist, FrameBuffer.WidthPx - 2 - Canvas.TouristWidth(tourist), FrameBuffer.HeightPx - 1 - CjkFont.HeightPx, true);
        }

        /// <summary>Network error: what failed and what to do about it.</summary>
        public static void DrawNetworkError(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, Texts.Get(Texts.NetworkError, m.Language), null);
            Canvas.Wrapped(fb, Texts.ReasonText(m.Reason, m.Language), 0, 13, FrameBuffer.WidthPx, 2, true);
            Canvas.Wrapped(fb, Texts.Get(Texts.NetworkAdvice, m.Language), 0, 33, FrameBuffer.WidthPx, 2, true);
            Canvas.Hint(fb, Texts.Get(Texts.RetryHint, m.Language));
        }

        /// <summary>Technician menu: up to four lines around the selection, the selected one inverted.</summary>
        public static void DrawTechMenu(ScreenModel m, FrameBuffer fb)
        {
            DrawLines(m, fb, Texts.TechMenu, m.MenuScrolls ? Texts.ScrollHint : Texts.MenuHint);
        }

        /// <summary>Lines under a title (the technician menu and pages, the refund's list of sales) and a key hint.</summary>
        public static void DrawLines(ScreenModel m, FrameBuffer fb, int titleText, int hintText)
        {
            const int visibleLines = ScreenModel.MenuVisibleLines;
            const int pitchPx = 10;
            Canvas.TitleBar(fb, Texts.Get(titleText, m.Language), null);
            int first = m.MenuSelection >= 0 ? m.MenuSelection - visibleLines + 1 : m.MenuFirstLine;
            if (first < 0) first = 0;
            for (int i = 0; i < visibleLines && first + i < m.MenuLineCount; i++)
            {
                int line = first + i;
                int y = 13 + i * pitchPx;
                // Result pages start at the edge so a 21-character line (a probe item's name) fits whole.
                if (m.MenuLines[line] != null) Canvas.Text(fb, m.MenuLines[line], m.MenuScrolls ? 1 : 4, y, true);
                if (line == m.MenuSelection) fb.InvertRect(0, y - 1, FrameBuffer.WidthPx, pitchPx - 1);
            }
            Canvas.Hint(fb, Texts.Get(hintText, m.Language));
        }

        /// <summary>
        /// The refund's amount: large as on the amount screen (proposed: what is still refundable), the sale's order
        /// id under it, or the maximum's cue when a key would pass what can be refunded.
        /// </summary>
        public static void DrawRefundAmount(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, Texts.Get(Texts.RefundAmountTitle, m.Language), null);
            if (!EnteredAmount(m, fb)) LabelledOrderId(m, fb, 40);
            Canvas.Hint(fb, Texts.Get(Texts.AmountHint, m.Language));
        }

        /// <summary>The refund's confirmation: the amount and which sale; OK sends it, Cancel backs out.</summary>
        public static void DrawRefundConfirm(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, Texts.Get(Texts.RefundConfirmTitle, m.Language), null);
            AmountCentered(m, fb, 14);
            LabelledOrderId(m, fb, 36);
            Canvas.Hint(fb, Texts.Get(Texts.PinHint, m.Language));
        }

        /// <summary>REFUNDED: a large headline with a check mark, the amount refunded and the sale's order id.</summary>
        public static void DrawRefunded(ScreenModel m, FrameBuffer fb)
        {
            string refunded = Texts.Get(Texts.Refunded, m.Language);
            int width = Canvas.TextDoubleWidth(refunded) + 2 * SmallFont.AdvancePx + 4;
            int x = (FrameBuffer.WidthPx - width) / 2;
            x = Canvas.GlyphDouble(fb, '\u2713', x, 2) + 4;
            Canvas.TextDouble(fb, refunded, x, 2);
            AmountCentered(m, fb, 22);
            LabelledOrderId(m, fb, 42);
            Canvas.Hint(fb, Texts.Get(Texts.PressAnyKey, m.Language));
        }

        /// <summary>
        /// PIN entry: one dot per digit typed, in a field with room for the longest PIN the terminal takes, so
        /// neither the digits nor the PIN's length show.
        /// </summary>
        public static void DrawPinEntry(ScreenModel m, FrameBuffer fb)
        {
            const int dotPx = 6;
            const int pitchPx = 11;
            const int paddingPx = 5;
            const int fieldY = 22;
            const int fieldHeightPx = 16;
            Canvas.TitleBar(fb, Texts.Get(Texts.PinTitle, m.Language), null);
            int fieldWidth = 2 * paddingPx + ScreenModel.MaxPinDigits * pitchPx - (pitchPx - dotPx);
            int x = (FrameBuffer.WidthPx - fieldWidth) / 2;
            fb.DrawRect(x, fieldY, fieldWidth, fieldHeightPx, true);
            int digits = m.PinDigits < ScreenModel.MaxPinDigits ? m.PinDigits : ScreenModel.MaxPinDigits;
            for (int i = 0; i < digits; i++)
                fb.FillRect(x + paddingPx + i * pitchPx, fieldY + (fieldHeightPx - dotPx) / 2, dotPx, dotPx, true);
            Canvas.Hint(fb, Texts.Get(Texts.PinHint, m.Language));
        }

        /// <summary>
        /// The technician menu refused: locked after wrong PINs (with the time left, m:ss) or no PIN provisioned
        /// (and where to set one). Any key goes back.
        /// </summary>
        public static void DrawTechRefused(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, Texts.Get(Texts.TechMenu, m.Language), null);
            if (m.LockedSeconds > 0)
            {
                Canvas.TextCentered(fb, Texts.Get(Texts.TechLocked, m.Language), 16, true);
                string tryAgain = Texts.Get(Texts.TryAgainIn, m.Language);
                int width = Canvas.TextWidth(tryAgain) + SmallFont.AdvancePx + Canvas.CharsWidth(MinutesSecondsChars(m.LockedSeconds));
                int x = Canvas.Text(fb, tryAgain, (FrameBuffer.WidthPx - width) / 2, 30, true) + SmallFont.AdvancePx;
                Canvas.MinutesSeconds(fb, m.LockedSeconds, x, 30, true);
            }
            else
            {
                Canvas.Wrapped(fb, Texts.Get(Texts.NoPinProvisioned, m.Language), 0, 14, FrameBuffer.WidthPx, 2, true);
                Canvas.Wrapped(fb, Texts.Get(Texts.NoPinAdvice, m.Language), 0, 34, FrameBuffer.WidthPx, 2, true);
            }
            Canvas.Hint(fb, Texts.Get(Texts.PressAnyKey, m.Language));
        }

        /// <summary>How many characters m:ss takes for a number of seconds (the countdown's width).</summary>
        private static int MinutesSecondsChars(int seconds)
        {
            int minutes = seconds / 60;
            int digits = 1;
            while (minutes >= 10) { minutes /= 10; digits++; }
            return digits + 3;
        }

        /// <summary>Last transaction: amount, outcome and order id, or a note that there is none.</summary>
        public static void DrawLastTransaction(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, Texts.Get(Texts.LastTransaction, m.Language), null);
            if (m.LastOutcome < 0)
            {
                Canvas.TextCentered(fb, Texts.Get(Texts.NoTransaction, m.Language), 28, true);
            }
            else
            {
                AmountCentered(m, fb, 13);
                Canvas.TextCentered(fb, OutcomeText(m.LastOutcome, m.Language), 32, true);
                LabelledOrderId(m, fb, 42);
            }
            Canvas.Hint(fb, Texts.Get(Texts.PressAnyKey, m.Language));
        }

        /// <summary>Self-test failed: the failed item and that the terminal takes no payments.</summary>
        public static void DrawSelfTestFailed(ScreenModel m, FrameBuffer fb)
        {
            Canvas.TitleBar(fb, Texts.Get(Texts.SelfTestFailed, m.Language), null);
            if (m.FailedItem != null) Canvas.Wrapped(fb, m.FailedItem, 0, 13, FrameBuffer.WidthPx, 2, true);
            fb.FillRect(0, 31, FrameBuffer.WidthPx, 1, true);
            Canvas.Wrapped(fb, Texts.Get(Texts.NoPayments, m.Language), 0, 35, FrameBuffer.WidthPx, 3, true);
        }

        /// <summary>Display test patterns: a one-pixel checkerboard, all lit, or a frame with vertical bars at the top,
        /// horizontal stripes at the bottom and a label.</summary>
        public static void DrawDisplayTest(ScreenModel m, FrameBuffer fb)
        {
            if (m.TestPattern == ScreenModel.TestPatternAllLit)
            {
                fb.FillRect(0, 0, FrameBuffer.WidthPx, FrameBuffer.HeightPx, true);
                return;
            }
            if (m.TestPattern == ScreenModel.TestPatternCheckerboard)
            {
                fb.FillPages(0x55, 0xAA);
                return;
            }
            fb.DrawRect(0, 0, FrameBuffer.WidthPx, FrameBuffer.HeightPx, true);
            for (int x = 4; x < FrameBuffer.WidthPx - 4; x += 8) fb.FillRect(x, 4, 4, 16, true);
            for (int y = 44; y < FrameBuffer.HeightPx - 4; y += 4) fb.FillRect(4, y, FrameBuffer.WidthPx - 8, 2, true);
            Canvas.TextCentered(fb, Texts.Get(Texts.DisplayTest, m.Language), 28, true);
        }

        /// <summary>Keypad test: the 4x4 keycaps with the last pressed key inverted, and that key large.</summary>
        public static void DrawKeypadTest(ScreenModel m, FrameBuffer fb)
        {
            const string keycaps = Keycaps.Layout;
            const int cellWidthPx = 13;
            const int cellHeightPx = 11;
            Canvas.TitleBar(fb, Texts.Get(Texts.KeypadTest, m.Language), null);
            for (int i = 0; i < keycaps.Length; i++)
            {
                int x = 2 + (i % Keycaps.Columns) * cellWidthPx;
                int y = 12 + (i / Keycaps.Columns) * cellHeightPx;
                fb.DrawRect(x, y, cellWidthPx - 1, cellHeightPx - 1, true);
                Canvas.Glyph(fb, keycaps[i], x + 3, y + 1, true);
                if (keycaps[i] == m.LastKey) fb.InvertRect(x + 1, y + 1, cellWidthPx - 3, cellHeightPx - 3);
            }
            string label = Texts.Get(Texts.LastKey, m.Language);
            Canvas.Text(fb, label, 92 - Canvas.TextWidth(label) / 2, 16, true);
            if (m.LastKey != '\0')
            {
                fb.DrawRect(78, 28, 28, 24, true);
                Canvas.GlyphDouble(fb, m.LastKey, 87, 33);
            }
        }

        /// <summary>The amount in large digits with the currency in small letters, centred as one unit.</summary>
        public static void AmountCentered(ScreenModel m, FrameBuffer fb, int y)
        {
            int amountWidth = Canvas.LargeWidth(m.AmountChars, m.AmountLength);
            int width = amountWidth + 4 + Canvas.TextWidth(m.CurrencyCode);
            int x = (FrameBuffer.WidthPx - width) / 2;
            x = Canvas.Large(fb, m.AmountChars, m.AmountLength, x, y) + 3;
            Canvas.Text(fb, m.CurrencyCode, x, y + 8, true);
        }

        /// <summary>"Order e82-000001" centred (PAID and the last transaction label it alike); nothing without an id.</summary>
        public static void LabelledOrderId(ScreenModel m, FrameBuffer fb, int y)
        {
            if (m.OrderId == null) return;
            string order = Texts.Get(Texts.Order, m.Language);
            int x = (FrameBuffer.WidthPx - Canvas.TextWidth(order) - SmallFont.AdvancePx - Canvas.TextWidth(m.OrderId)) / 2;
            x = Canvas.Text(fb, order, x, y, true) + SmallFont.AdvancePx;
            Canvas.Text(fb, m.OrderId, x, y, true);
        }

        private static string OutcomeText(int outcome, int language)
        {
            switch (outcome)
            {
                case ScreenId.Paid: return Texts.Get(Texts.Paid, language);
                case ScreenId.Cancelled: return Texts.Get(Texts.Cancelled, language);
                case ScreenId.Expired: return Texts.Get(Texts.Expired, language);
                default: return Texts.Get(Texts.PaymentFailed, language);
            }
        }

        private static void StatusLine(FrameBuffer fb, string name, int status, int language, int y)
        {
            char symbol = status == LinkStatus.Ok ? '\u2713' : status == LinkStatus.Failed ? '\u2717' : '\u00B7';
            Canvas.Glyph(fb, symbol, 2, y, true);
            Canvas.Text(fb, name, 12, y, true);
            Canvas.Text(fb, Texts.Status(status, language), 64, y, true);
        }
    }
}
