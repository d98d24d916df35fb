namespace Terminal.App
{
    /// <summary>
    /// One request the app hands to the network worker (an effect of the state machine). Reused: the app
    /// has at most one request outstanding, and the worker copies nothing out of it after it has answered.
    /// </summary>
    public sealed class AppRequest
    {
        public int Kind = RequestKind.None;
        public string OrderId;

        /// <summary>A refund's own id (RequestKind.Refund), the same on every retry until the refund is final.</summary>
        public string RefundId;
        public long AmountMinor;
        public string CurrencyCode;
        public int ExpirySeconds;
        public int HoldMs;

        public void CopyFrom(AppRequest other)
        {
            Kind = other.Kind;
            OrderId = other.OrderId;
            RefundId = other.RefundId;
            AmountMinor = other.AmountMinor;
            CurrencyCode = other.CurrencyCode;
            ExpirySeconds = other.ExpirySeconds;
            HoldMs = other.HoldMs;
        }
    }
}
