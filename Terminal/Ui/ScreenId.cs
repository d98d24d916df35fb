namespace Terminal.Ui
{
    /// <summary>Which screen the model asks for. Codes, not an enum: enum names print as numbers on the device.</summary>
    public static class ScreenId
    {
        public const int Boot = 0;
        public const int Amount = 1;
        public const int Creating = 2;
        public const int Qr = 3;
        public const int Paid = 4;
        public const int Cancelled = 5;
        public const int Expired = 6;
        public const int Failed = 7;
        public const int NetworkError = 8;
        public const int TechMenu = 9;
        public const int PinEntry = 10;
        public const int LastTransaction = 11;
        public const int SelfTestFailed = 12;
        public const int DisplayTest = 13;
        public const int KeypadTest = 14;

        public const int Closing = 15;

        /// <summary>The technician menu refused: locked after wrong PINs, or no PIN provisioned.</summary>
        public const int TechRefused = 16;

        // The manager's refund.
        public const int RefundList = 17;
        public const int RefundAmount = 18;
        public const int RefundConfirm = 19;
        public const int Refunding = 20;
        public const int Refunded = 21;
        public const int RefundRefused = 22;
        public const int RefundPending = 23;
        public const int Count = 24;

        /// <summary>English words for logs, the simulator's state API and file names (never shown on the panel).</summary>
        public static string Name(int screen)
        {
            switch (screen)
            {
                case Boot: return "boot";
                case Amount: return "amount";
                case Creating: return "creating";
                case Qr: return "qr";
                case Paid: return "paid";
                case Cancelled: return "cancelled";
                case Expired: return "expired";
                case Failed: return "failed";
                case NetworkError: return "network-error";
                case TechMenu: return "tech-menu";
                case PinEntry: return "pin-entry";
                case LastTransaction: return "last-transaction";
                case SelfTestFailed: return "selftest-failed";
                case DisplayTest: return "display-test";
                case KeypadTest: return "keypad-test";
                case Closing: return "closing";
                case TechRefused: return "tech-refused";
                case RefundList: return "refund-list";
                case RefundAmount: return "refund-amount";
                case RefundConfirm: return "refund-confirm";
                case Refunding: return "refunding";
                case Refunded: return "refunded";
                case RefundRefused: return "refund-refused";
                case RefundPending: return "refund-pending";
                default: return "unknown";
            }
        }
    }
}
