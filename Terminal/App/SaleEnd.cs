using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// How a sale ended. One code carries both the screen shown and the reason under it, so the two cannot be
    /// swapped or mismatched. Codes, not an enum: enum names print as numbers on the device.
    /// </summary>
    public static class SaleEnd
    {
        public const int Paid = 0;
        public const int CancelledByCashier = 1;
        public const int CancelledByGateway = 2;
        public const int Expired = 3;
        public const int InterruptedByRestart = 4;
        public const int RejectedByGateway = 5;
        public const int GatewayFailed = 6;
        public const int CodeTooLong = 7;
        public const int NotRecorded = 8;        // the sale could not be journalled in flash: refused before sending
        public const int RefusedByGateway = 9;   // a signed refusal to cancel or query an order: it cannot be settled here
        public const int JournalCorrupt = 10;    // after a restart: the journal held a damaged record (cleared)

        public static int Screen(int end)
        {
            switch (end)
            {
                case Paid: return ScreenId.Paid;
                case Expired: return ScreenId.Expired;
                case RejectedByGateway:
                case GatewayFailed:
                case CodeTooLong:
                case NotRecorded:
                case RefusedByGateway:
                case JournalCorrupt:
                    return ScreenId.Failed;
                default: return ScreenId.Cancelled;
            }
        }

        public static int Reason(int end)
        {
            int reason;
            switch (end)
            {
                case CancelledByCashier: reason = Ui.Reason.CancelledByCashier; break;
                case CancelledByGateway: reason = Ui.Reason.CancelledByGateway; break;
                case Expired: reason = Ui.Reason.QrExpired; break;
                case InterruptedByRestart: reason = Ui.Reason.InterruptedByRestart; break;
                case RejectedByGateway:
                case RefusedByGateway:
                    reason = Ui.Reason.GatewayRejected;
                    break;
                case GatewayFailed: reason = Ui.Reason.GatewayUnreachable; break;
                case CodeTooLong:
                case NotRecorded:
                case JournalCorrupt:
                    reason = Ui.Reason.InternalError;
                    break;
                default: reason = Ui.Reason.None; break;
            }
            return reason;
        }
    }
}
