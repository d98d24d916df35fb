namespace Terminal.Drivers.Network
{
    /// <summary>Negative results of <see cref="IHttpTransport.Send"/>: what went wrong below HTTP.</summary>
    public static class TransportError
    {
        /// <summary>No complete response within the timeout.</summary>
        public const int Timeout = -1;

        /// <summary>No connection (refused, no route, DNS, TLS handshake or certificate rejected).</summary>
        public const int ConnectFailed = -2;

        /// <summary>The connection broke after the request may have been sent (reset, truncated response).</summary>
        public const int Reset = -3;

        /// <summary>The response body is larger than the caller's buffer; it was not read to the end.</summary>
        public const int ResponseTooLarge = -4;

        /// <summary>Anything else the adapter could not classify.</summary>
        public const int Failed = -5;

        /// <summary>The caller ended the exchange (<see cref="IHttpTransport.AbortExchange"/>) before its answer.</summary>
        public const int Aborted = -6;

        public static bool IsError(int status) { return status < 0; }
    }
}
