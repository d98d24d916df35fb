namespace Terminal.App
{
    /// <summary>The POS app's states. Codes, not an enum: enum names print as numbers on the device.</summary>
    public static class AppState
    {
        public const int Booting = 0;
        public const int SelfTestFailed = 1;
        public const int Recovering = 2;
        public const int Idle = 3;            // amount entry (empty or not)
        public const int Creating = 4;        // create sent, no code yet
        public const int ShowingCode = 5;     // QR shown, long-polling for the outcome
        public const int Closing = 6;         // cancel wanted or sent (cashier, expiry, error, recovery)
        public const int NetworkDown = 7;     // an order's outcome is unknown; retrying until the gateway answers
        public const int Paid = 8;
        public const int Ended = 9;           // cancelled, expired or failed: shown, then back to idle
        public const int LastTransaction = 10;
        public const int PinEntry = 11;
        public const int TechMenu = 12;
        public const int TechInfo = 13;
        public const int TechGatewayTest = 14;
        public const int KeypadTest = 15;
        public const int DisplayTest = 16;
        public const int TechSelfTest = 17;
        public const int TechRefused = 18;    // the menu is locked or has no PIN: the panel says so

        // The manager's refund (behind the technician PIN, ManagerRefund).
        public const int RefundList = 19;     // the last paid sales, asked of the gateway, to choose from
        public const int RefundAmount = 20;   // the amount to refund, proposed as what is still refundable
        public const int RefundConfirm = 21;  // amount and sale shown: OK sends, Cancel backs out
        public const int Refunding = 22;      // the refund sent (or a pending one asked again); no key helps
        public const int RefundResult = 23;   // refunded, refused or pending: shown until a key

        /// <summary>The technician's states: PIN entry, the menu, its pages and the manager's refund.</summary>
        public static bool IsTechnician(int state)
        {
            switch (state)
            {
                case PinEntry:
                case TechMenu:
                case TechInfo:
                case TechGatewayTest:
                case KeypadTest:
                case DisplayTest:
                case TechSelfTest:
                case TechRefused:
                case RefundList:
                case RefundAmount:
                case RefundConfirm:
                case Refunding:
                case RefundResult:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>English words for logs.</summary>
        public static string Name(int state)
        {
            string name;
            switch (state)
            {
                case Booting: name = "booting"; break;
                case SelfTestFailed: name = "selftest-failed"; break;
                case Recovering: name = "recovering"; break;
                case Idle: name = "idle"; break;
                case Creating: name = "creating"; break;
                case ShowingCode: name = "showing-code"; break;
                case Closing: name = "closing"; break;
                case NetworkDown: name = "network-down"; break;
                case Paid: name = "paid"; break;
                case Ended: name = "ended"; break;
                case LastTransaction: name = "last-transaction"; break;
                case PinEntry: name = "pin-entry"; break;
                case TechMenu: name = "tech-menu"; break;
                case TechInfo: name = "tech-info"; break;
                case TechGatewayTest: name = "tech-gateway-test"; break;
                case KeypadTest: name = "keypad-test"; break;
                case DisplayTest: name = "display-test"; break;
                case TechSelfTest: name = "tech-selftest"; break;
                case TechRefused: name = "tech-refused"; break;
                case RefundList: name = "refund-list"; break;
                case RefundAmount: name = "refund-amount"; break;
                case RefundConfirm: name = "refund-confirm"; break;
                case Refunding: name = "refunding"; break;
                case RefundResult: name = "refund-result"; break;
                default: name = "unknown"; break;
            }
            return name;
        }
    }
}
