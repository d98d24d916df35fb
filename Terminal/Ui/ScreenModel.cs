namespace Terminal.Ui
{
    /// <summary>
    /// What the screens show: plain mutable fields the app writes and never reads back (its decisions come from
    /// its own state; a test checks the app's code for reads), read by <see cref="ScreenRenderer"/>.
    /// Allocated once; the app changes fields and redraws, and redrawing allocates nothing. Texts that come
    /// from outside (order id, menu lines, self-test item) are shown as they are; everything else is a code
    /// that <see cref="Texts"/> turns into words in the chosen language.
    /// </summary>
    public sealed class ScreenModel
    {
        /// <summary>Room for the longest formatted amount ("99 999 999,99" and a sign).</summary>
        public const int MaxAmountChars = 16;

        /// <summary>Room for the timing probe's page: two lines (name, time) for each of its items (see <see cref="UseMenuLines"/>).</summary>
        public const int MaxMenuLines = 32;

        /// <summary>Lines the model keeps for every other page: the menu, the info and self-test pages, the refund's sales.</summary>
        public const int PageLines = 8;

        /// <summary>Menu and result-page lines the panel shows at once (between title bar and hint).</summary>
        public const int MenuVisibleLines = 4;

        // Display test patterns, shown in this order.
        public const int TestPatternCheckerboard = 0;
        public const int TestPatternAllLit = 1;
        public const int TestPatternFrameAndStripes = 2;
        public const int TestPatternCount = 3;

        public int Screen = ScreenId.Boot;

        /// <summary><see cref="Terminal.Language"/> code; Norwegian unless configured otherwise.</summary>
        public int Language = Terminal.Language.Norwegian;

        /// <summary>The amount as the money code formatted it (e.g. "125,00"), in <see cref="AmountLength"/> chars.</summary>
        public readonly char[] AmountChars = new char[MaxAmountChars];
        public int AmountLength;

        /// <summary>ISO 4217 code shown beside the amount.</summary>
        public string CurrencyCode = "NOK";

        /// <summary>Amount screen: the last key was refused because the amount would exceed the maximum.</summary>
        public bool AmountOverflowCue;

        /// <summary>
        /// QR screen: the payment code, encoded by the app into a QrCode it owns (QrEncoder.EncodeToFit with
        /// <see cref="QrScreen.BoxPx"/> and <see cref="QrScreen.QuietZoneModules"/>). Empty or null: the screen
        /// says the code cannot be shown instead of showing an old one.
        /// </summary>
        public Terminal.Qr.QrCode Qr;

        /// <summary>QR screen: seconds until the payment code expires.</summary>
        public int SecondsLeft;

        /// <summary>Creating screen: progress 0-100 (requests sent, retries).</summary>
        public int ProgressPercent;

        /// <summary>Cancelled / expired / failed / network error: a <see cref="Reason"/> code.</summary>
        public int Reason;

        /// <summary>Optional detail under the reason (a gateway error code); null for none.</summary>
        public string ReasonDetail;

        /// <summary>Short order id shown on result screens; null for none.</summary>
        public string OrderId;

        public int BootProgressPercent;
        public int WifiStatus = LinkStatus.Waiting;
        public int GatewayStatus = LinkStatus.Waiting;
        public string FirmwareVersion = FirmwareInfo.Version;

        /// <summary>
        /// Technician menu: lines (the model's own <see cref="PageLines"/>, or a longer page's own array), how many are
        /// used, the selected one.
        /// </summary>
        public string[] MenuLines;
        private readonly string[] _ownMenuLines;
        public int MenuLineCount;
        public int MenuSelection;

        /// <summary>Technician result pages (no selection): the first line shown, moved by 2 and 8.</summary>
        public int MenuFirstLine;

        /// <summary>True on result pages: the hint names the scroll keys instead of the menu's.</summary>
        public bool MenuScrolls;

        /// <summary>The longest technician PIN the terminal takes (the PIN field has room for this many dots).</summary>
        public const int MaxPinDigits = Terminal.Config.TerminalConfig.MaxPinDigits;

        /// <summary>PIN entry: how many digits are typed (one dot each; the PIN's own length is never shown).</summary>
        public int PinDigits;

        /// <summary>Technician menu refused: seconds the lockout still lasts, or 0 when no PIN is provisioned.</summary>
        public int LockedSeconds;

        /// <summary>Last transaction: the screen id of its outcome (Paid, Cancelled, ...), or -1 for none.</summary>
        public int LastOutcome = -1;

        /// <summary>Self-test failed: the first failed item.</summary>
        public string FailedItem;

        /// <summary>Display test: which pattern (checkerboard, all lit, or a frame with vertical and horizontal stripes).</summary>
        public int TestPattern;

        /// <summary>Keypad test: the last keycap pressed ('1'..'D', '*', '#'), or '\0' for none yet.</summary>
        public char LastKey;

        /// <summary>The terminal's model: room for <see cref="PageLines"/> menu lines of its own.</summary>
        public ScreenModel() : this(PageLines)
        {
        }

        /// <summary>
        /// A model with room for menuLines menu lines of its own: the self-test and the timing probe draw the amount and
        /// QR screens only, and give none (every reference is 24 bytes of heap on the bench, docs/memory.md).
        /// </summary>
        public ScreenModel(int menuLines)
        {
            _ownMenuLines = new string[menuLines];
            MenuLines = _ownMenuLines;
        }

        /// <summary>
        /// Shows a page longer than the model's own lines (the probe's results, up to <see cref="MaxMenuLines"/>) from the
        /// page's own array, made when the page is shown, until <see cref="UseOwnMenuLines"/>: 32 lines kept for the
        /// terminal's life would cost 816 bytes of heap on the bench for a page a technician opens now and then.
        /// </summary>
        public void UseMenuLines(string[] lines)
        {
            MenuLines = lines;
        }

        /// <summary>Back to the model's own lines (the longer page's array becomes garbage).</summary>
        public void UseOwnMenuLines()
        {
            MenuLines = _ownMenuLines;
        }

        /// <summary>Formats an amount into <see cref="AmountChars"/> and sets the currency beside it. Allocates nothing.</summary>
        public void SetAmount(long amountMinor, Terminal.Money.Currency currency, int language)
        {
            AmountLength = Terminal.Money.MoneyFormat.WriteNumber(amountMinor, currency, language, AmountChars, 0);
            CurrencyCode = currency.Code;
        }

        /// <summary>Sets one menu line (the app writes lines, the renderer reads them).</summary>
        public void SetMenuLine(int index, string line)
        {
            MenuLines[index] = line;
        }

        /// <summary>Copies a formatted amount in without keeping the string; longer text is cut.</summary>
        public void SetAmount(string text)
        {
            int length = text.Length < MaxAmountChars ? text.Length : MaxAmountChars;
            for (int i = 0; i < length; i++) AmountChars[i] = text[i];
            AmountLength = length;
        }
    }
}
