namespace Terminal.Gateway
{
    /// <summary>
    /// What a gateway call established (<see cref="GatewayReply.Outcome"/>). Plain int codes: enum names print
    /// as numbers on the device. Only <see cref="Paid"/> means money arrived, and only a correctly signed, fresh,
    /// well-formed answer for the same order id, amount and currency produces it. <see cref="Unknown"/> means
    /// the terminal does not know (network, timeout, bad or unsigned answer): ask again, never show PAID.
    /// </summary>
    public static class GatewayOutcome
    {
        public const int None = 0;
        public const int Pending = 1;   // the order exists and waits for the wallet (code to show)
        public const int Paid = 2;
        public const int Cancelled = 3;
        public const int Expired = 4;
        public const int Rejected = 5;  // the gateway answered, signed, with an error (see ErrorCode)
        public const int Unknown = 6;   // no trustworthy answer (see ErrorCode)
        public const int Ok = 7;        // ping answered
        public const int Refunded = 8;  // the gateway confirmed this refund (signed REFUNDED for this refund id)

        /// <summary>True for the outcomes after which the order can never become paid.</summary>
        public static bool IsFinal(int outcome)
        {
            return outcome == Paid || outcome == Cancelled || outcome == Expired;
        }
    }
}
