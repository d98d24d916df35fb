namespace Terminal.Gateway
{
    /// <summary>
    /// Stable error codes in <see cref="GatewayReply.ErrorCode"/>. With Outcome Rejected the code is the
    /// gateway's own (docs/gateway-protocol.md, "Errors"); with Outcome Unknown it is one of the terminal's
    /// below, saying why no answer could be trusted.
    /// </summary>
    public static class GatewayErrors
    {
        public const string Timeout = "timeout";
        public const string Network = "network";
        public const string TooLarge = "too_large";
        public const string Malformed = "malformed";
        public const string Unsigned = "unsigned";
        public const string BadSignature = "bad_signature";
        public const string Stale = "stale";
        public const string WrongOrder = "wrong_order";
        public const string Http5xx = "http_5xx";
        public const string HttpStatus = "http_status";
        public const string RequestTooLarge = "request_too_large";

        /// <summary>The terminal ended its own long poll (<see cref="GatewayClient.AbortWait"/>) to send a cancel at once.</summary>
        public const string Aborted = "aborted";

        /// <summary>The worker caught an exception the client promised never to throw: the answer is unknown.</summary>
        public const string Internal = "internal";

        // The gateway's codes that the client itself looks at.
        public const string UnknownOrder = "unknown_order";
        public const string OrderConflict = "order_conflict";
        // Refund refusals (docs/gateway-protocol.md 6.1).
        public const string NotPaid = "not_paid";
        public const string RefundExceedsPaid = "refund_exceeds_paid";
        public const string RefundConflict = "refund_conflict";
        // The terminal's own codes for a refund answer (section 6.2).
        public const string RefundPending = "refund_pending";
        public const string RefundRefused = "refund_refused";

        // Signed refusals that the same request with a fresh timestamp and nonce can cure (a clock step, a lost
        // nonce record); every other signed 4xx is definitive: asking again gets the same answer.
        public const string StaleTimestamp = "stale_timestamp";
        public const string Replayed = "replayed";

        /// <summary>True for a signed refusal that a retry may cure (stale_timestamp, replayed).</summary>
        public static bool CuredByRetry(string errorCode)
        {
            return errorCode == StaleTimestamp || errorCode == Replayed;
        }

        /// <summary>An error code for a log line ("no detail" for none).</summary>
        public static string Describe(string errorCode)
        {
            return errorCode == null ? "no detail" : errorCode;
        }
    }
}
