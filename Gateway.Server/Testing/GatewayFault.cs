namespace Gateway.Server.Testing
{
    /// <summary>
    /// What the server does wrong to one terminal request (tests choose per request). A test-only option:
    /// only an in-process GatewayHost started with a FaultInjector injects; no configuration turns it on.
    /// </summary>
    public enum GatewayFault
    {
        None,
        /// <summary>Holds the request (see <see cref="FaultInjector.DelayMs"/>), then handles it.</summary>
        Delay,
        /// <summary>Closes the connection without handling the request: nothing is committed.</summary>
        DropRequest,
        /// <summary>Handles and commits the request, then closes the connection without answering.</summary>
        DropResponse,
        /// <summary>Answers 503 without handling the request.</summary>
        ServerError,
        /// <summary>Commits, then sends only the first half of the body (signed over the whole body).</summary>
        TruncatedBody,
        /// <summary>Commits, then answers with a body far larger than any real answer.</summary>
        OversizedBody,
        /// <summary>Commits, then streams an oversized body without a Content-Length (chunked), so only reading reveals it.</summary>
        OversizedUnannouncedBody,
        /// <summary>Commits, then answers with one signature character changed.</summary>
        WrongSignature,
        /// <summary>Commits, starts the answer, then resets the connection mid-body.</summary>
        ConnectionReset,
        /// <summary>Commits, then answers with the previous (validly signed) answer this terminal received on that path.</summary>
        ReplayPrevious,
    }
}
