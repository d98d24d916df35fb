namespace Terminal.Drivers.Network
{
    /// <summary>
    /// A response body as the HTTP stack delivers it: each transport wraps its stream in one (the firmware's
    /// mscorlib has no Stream), so that both transports share <see cref="HttpBodyReader"/>.
    /// </summary>
    public interface IHttpBodySource
    {
        /// <summary>
        /// Reads up to <paramref name="count"/> bytes, waiting at most <paramref name="timeoutMs"/> for the first;
        /// returns the number read, 0 (or a negative number) at the end of the body. Throws as the stream throws.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);
    }
}
