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

        /// <summary>The worker caught an exception the client promised never to throw: the answer is unknown.</summary>
        public const string Internal = "internal";

        // The gateway's codes that the client itself looks at.
        public const string UnknownOrder = "unknown_order";
        public const string OrderConflict = "order_conflict";

        /// <summary>An error code for a log line ("no detail" for none).</summary>
        public static string Describe(string errorCode)
        {
            return errorCode == null ? "no detail" : errorCode;
        }
    }
}
