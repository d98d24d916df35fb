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
            string name;
            switch (screen)
            {
                case Boot: name = "boot"; break;
                case Amount: name = "amount"; break;
                case Creating: name = "creating"; break;
                case Qr: name = "qr"; break;
                case Paid: name = "paid"; break;
                case Cancelled: name = "cancelled"; break;
                case Expired: name = "expired"; break;
                case Failed: name = "failed"; break;
                case NetworkError: name = "network-error"; break;
                case TechMenu: name = "tech-menu"; break;
                case PinEntry: name = "pin-entry"; break;
                case LastTransaction: name = "last-transaction"; break;
                case SelfTestFailed: name = "selftest-failed"; break;
                case DisplayTest: name = "display-test"; break;
                case KeypadTest: name = "keypad-test"; break;
                case Closing: name = "closing"; break;
                case TechRefused: name = "tech-refused"; break;
                case RefundList: name = "refund-list"; break;
                case RefundAmount: name = "refund-amount"; break;
                case RefundConfirm: name = "refund-confirm"; break;
                case Refunding: name = "refunding"; break;
                case Refunded: name = "refunded"; break;
                case RefundRefused: name = "refund-refused"; break;
                case RefundPending: name = "refund-pending"; break;
                default: name = "unknown"; break;
            }
            return name;
        }
    }
}
