namespace Terminal.Drivers.Network
{
    /// <summary>
    /// A caller-owned response: the body in a fixed-size byte array (a larger body is refused with
    /// <see cref="TransportError.ResponseTooLarge"/> without being read to the end) and the values of the
    /// headers the caller asked for.
    /// </summary>
    public sealed class HttpResponseBuffer
    {
        public readonly byte[] Body;
        public readonly HttpHeaderBlock Headers;

        /// <summary>Number of valid bytes in <see cref="Body"/>.</summary>
        public int BodyLength;

        public HttpResponseBuffer(int maxBodyBytes, HttpHeaderBlock headers) : this(new byte[maxBodyBytes], headers)
        {
        }

        /// <summary>A response whose body is read into the caller's array (its length is the largest body taken).</summary>
        public HttpResponseBuffer(byte[] body, HttpHeaderBlock headers)
        {
            Body = body;
            Headers = headers;
        }

        /// <summary>Empties the body and the header values before an exchange.</summary>
        public void Reset()
        {
            BodyLength = 0;
            Headers.Clear();
        }
    }
}
