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

        public static int Screen(int end)
        {
            switch (end)
            {
                case Paid: return ScreenId.Paid;
                case Expired: return ScreenId.Expired;
                case RejectedByGateway:
                case GatewayFailed:
                case CodeTooLong:
                    return ScreenId.Failed;
                default: return ScreenId.Cancelled;
            }
        }

        public static int Reason(int end)
        {
            switch (end)
            {
                case CancelledByCashier: return Ui.Reason.CancelledByCashier;
                case CancelledByGateway: return Ui.Reason.CancelledByGateway;
                case Expired: return Ui.Reason.QrExpired;
                case InterruptedByRestart: return Ui.Reason.InterruptedByRestart;
                case RejectedByGateway: return Ui.Reason.GatewayRejected;
                case GatewayFailed: return Ui.Reason.GatewayUnreachable;
                case CodeTooLong: return Ui.Reason.InternalError;
                default: return Ui.Reason.None;
            }
        }
    }
}
