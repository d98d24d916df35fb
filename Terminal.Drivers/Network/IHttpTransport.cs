namespace Terminal.Drivers.Network
{
    /// <summary>
    /// The HTTP port: one blocking request/response exchange. Adapters: .NET's HttpClient on the host
    /// (Terminal/Host/HttpClientTransport), nanoFramework.System.Net.Http on the device
    /// (Terminal/Device/NanoHttpTransport), an in-memory one in tests. The caller owns every buffer, so the
    /// protocol client allocates nothing per exchange; an adapter may allocate what its HTTP stack needs.
    /// </summary>
    public interface IHttpTransport
    {
        /// <summary>
        /// Sends a request to the gateway's base address + path and fills the response (body bytes and the
        /// header values whose names the response's header block lists).
        /// </summary>
        /// <param name="method">"POST" or "GET".</param>
        /// <param name="path">Path (and query) relative to the gateway's base address, e.g. "/v1/orders/wait".</param>
        /// <param name="headers">Request headers to send (slots without a value are left out).</param>
        /// <param name="body">Request body bytes (may be null when bodyLength is 0).</param>
        /// <param name="bodyLength">Number of body bytes.</param>
        /// <param name="response">Receives the status, the body (bounded by its capacity) and headers.</param>
        /// <param name="timeoutMs">Whole exchange bound; always enforced.</param>
        /// <returns>The HTTP status (100-599), or a negative <see cref="TransportError"/>.</returns>
        int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength,
            HttpResponseBuffer response, int timeoutMs);

        /// <summary>
        /// Ends the exchange in progress now, from another thread: its <see cref="Send"/> returns
        /// <see cref="TransportError.Aborted"/> (or another error) instead of waiting for the answer. Does nothing
        /// when no exchange is in progress. The app uses it to stop a long poll so a Cancel goes out at once.
        /// </summary>
        void AbortExchange();
    }
}
