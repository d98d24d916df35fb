namespace Terminal.Gateway
{
    /// <summary>What a technician provisions, plus the client's bounds (defaults suit a real network).</summary>
    public sealed class GatewayConfig
    {
        /// <summary>This terminal's id at the gateway (as <see cref="TerminalIdRule"/> allows).</summary>
        public string TerminalId;

        /// <summary>The per-terminal secret for HMAC-SHA256 (32 random bytes).</summary>
        public byte[] Key;

        /// <summary>Bound of one ordinary exchange (create, query, cancel, list, ping).</summary>
        public int RequestTimeoutMs = 10000;

        /// <summary>Added to the long poll's hold for its exchange's timeout (the gateway answers at the hold's end).</summary>
        public int WaitMarginMs = 5000;

        /// <summary>Exchanges per idempotent call (create, query, cancel) before it answers Unknown.</summary>
        public int MaxAttempts = 4;

        /// <summary>Pause before retry n is n times this (0 in tests).</summary>
        public int RetryBackoffMs = 500;

        /// <summary>How far a response's timestamp may be from the terminal's wall clock.</summary>
        public int ReplayWindowSeconds = 300;

        /// <summary>Largest response body accepted; larger ones are refused unread.</summary>
        public int MaxResponseBytes = 2048;

        /// <summary>
        /// Where the client reads response bodies (at least <see cref="MaxResponseBytes"/> long), or null for an array
        /// of its own. The terminal lends a workspace it shares with the QR encoder (PaymentTerminal).
        /// </summary>
        public byte[] ResponseBody;
    }
}
