namespace Terminal.Gateway
{
    /// <summary>The protocol's endpoints (docs/gateway-protocol.md). All are POST with a JSON body.</summary>
    public static class GatewayPaths
    {
        public const string Ping = "/v1/ping";
        public const string Create = "/v1/orders/create";
        public const string Wait = "/v1/orders/wait";
        public const string Query = "/v1/orders/query";
        public const string Cancel = "/v1/orders/cancel";
        public const string Open = "/v1/orders/open";
        public const string Refund = "/v1/orders/refund";
        public const string Recent = "/v1/orders/recent";

        // Header names (request: all four; response: the last three).
        public const string TerminalHeader = "X-Terminal-Id";
        public const string TimestampHeader = "X-Timestamp";
        public const string NonceHeader = "X-Nonce";
        public const string SignatureHeader = "X-Signature";

        // Order statuses on the wire.
        public const string StatusPending = "PENDING";
        public const string StatusPaid = "PAID";
        public const string StatusCancelled = "CANCELLED";
        public const string StatusExpired = "EXPIRED";

        // Refund statuses on the wire (section 6).
        public const string StatusRefunded = "REFUNDED";
        public const string StatusRefundPending = "REFUND_PENDING";
        public const string StatusRefundRefused = "REFUND_REFUSED";

        /// <summary>Who asks for a refund at the terminal (section 6.1: "manager" or "technician").</summary>
        public const string OperatorManager = "manager";
        public const string OperatorTechnician = "technician";

        /// <summary>The longest hold the gateway grants a long poll.</summary>
        public const int MaxHoldMs = 25000;
    }
}
