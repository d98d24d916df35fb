namespace Terminal.Drivers.Timing
{
    /// <summary>
    /// A monotonic millisecond clock. Drivers and the app read time only through this port, so the host
    /// tests drive them with a fake clock and never sleep.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards.</summary>
        long NowMs { get; }
    }
}
