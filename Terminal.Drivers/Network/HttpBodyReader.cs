using Terminal.Drivers.Timing;

namespace Terminal.Drivers.Network
{
    /// <summary>
    /// The body-read loop of both HTTP transports (host and device): reads a response body into the caller's
    /// bounded buffer before a deadline. A body larger than the buffer is refused as soon as one byte more
    /// arrives, without reading the rest; a body still arriving at the deadline - even one trickled byte by byte,
    /// each read well within its own timeout - is a timeout, so no answer holds the network worker past it.
    /// One instance per transport (it owns a one-byte probe buffer); allocates nothing per exchange.
    /// </summary>
    public sealed class HttpBodyReader
    {
        /// <summary>Result of <see cref="Read"/> when the whole body is in the buffer.</summary>
        public const int Complete = 0;

        private readonly IClock _clock;
        private readonly byte[] _probe = new byte[1];

        public HttpBodyReader(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>
        /// Reads the body into <paramref name="response"/> (sets its BodyLength) until the source ends.
        /// </summary>
        /// <param name="deadlineMs">The request's deadline on this reader's clock (start of the exchange + its timeout).</param>
        /// <returns><see cref="Complete"/>, <see cref="TransportError.ResponseTooLarge"/> or <see cref="TransportError.Timeout"/>.</returns>
        public int Read(IHttpBodySource source, HttpResponseBuffer response, long deadlineMs)
        {
            byte[] body = response.Body;
            int length = 0;
            response.BodyLength = 0;
            while (true)
            {
                long remainingMs = deadlineMs - _clock.NowMs;
                if (remainingMs <= 0) return TransportError.Timeout;
                int waitMs = remainingMs > int.MaxValue ? int.MaxValue : (int)remainingMs;
                if (length == body.Length)
                {
                    // Full: one byte more means the body does not fit; the end of the body means it fits exactly.
                    if (source.Read(_probe, 0, 1, waitMs) > 0) return TransportError.ResponseTooLarge;
                    break;
                }
                int read = source.Read(body, length, body.Length - length, waitMs);
                if (read <= 0) break;
                length += read;
            }
            if (_clock.NowMs > deadlineMs) return TransportError.Timeout;
            response.BodyLength = length;
            return Complete;
        }
    }
}
