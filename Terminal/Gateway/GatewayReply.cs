namespace Terminal.Gateway
{
    /// <summary>
    /// The reusable answer of one <see cref="GatewayClient"/> call. Every call first clears it, so a field
    /// never carries a previous order's value.
    /// </summary>
    public sealed class GatewayReply
    {
        /// <summary>One of <see cref="GatewayOutcome"/>'s codes.</summary>
        public int Outcome;

        public string OrderId;

        /// <summary>The payment code to show as QR (set by CreateOrder and QueryOrder when present).</summary>
        public string CodeText;

        public long AmountMinor;
        public string Currency;

        /// <summary>Seconds until the gateway expires the order, as it said in its answer.</summary>
        public int ExpiresInSeconds;

        /// <summary>Null, or a stable code of <see cref="GatewayErrors"/> / the gateway's error code.</summary>
        public string ErrorCode;

        /// <summary>The HTTP status of the last exchange, or a negative transport error.</summary>
        public int HttpStatus;

        /// <summary>Exchanges made (retries included).</summary>
        public int Attempts;

        /// <summary>Milliseconds of the last exchange (Ping's round trip).</summary>
        public int RoundTripMs;

        public void Clear()
        {
            Outcome = GatewayOutcome.None;
            OrderId = null;
            CodeText = null;
            AmountMinor = 0;
            Currency = null;
            ExpiresInSeconds = 0;
            ErrorCode = null;
            HttpStatus = 0;
            Attempts = 0;
            RoundTripMs = 0;
        }
    }
}
