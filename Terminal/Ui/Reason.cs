namespace Terminal.Ui
{
    /// <summary>Why a payment ended without PAID (or a refund without REFUNDED), or what went wrong; each has a text in both languages.</summary>
    public static class Reason
    {
        public const int None = 0;
        public const int CancelledByCashier = 1;
        public const int CancelledByGateway = 2;
        public const int QrExpired = 3;
        public const int Declined = 4;
        public const int GatewayRejected = 5;
        public const int GatewayTimeout = 6;
        public const int NoWifi = 7;
        public const int GatewayUnreachable = 8;
        public const int AmountTooLarge = 9;
        public const int InternalError = 10;

        public const int InterruptedByRestart = 11;

        /// <summary>The manager chose a sale already refunded in full: nothing is sent.</summary>
        public const int NothingToRefund = 12;

        /// <summary>A refund the gateway has not confirmed yet: it is asked again under the same refund id.</summary>
        public const int RefundNotConfirmed = 13;
        public const int Count = 14;
    }
}
