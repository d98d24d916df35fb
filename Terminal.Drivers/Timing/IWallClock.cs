namespace Terminal.Drivers.Timing
{
    /// <summary>
    /// Calendar time for the gateway signature's timestamp (seconds since 1970-01-01 UTC). On the device it is
    /// right only after SNTP; the gateway refuses requests outside its replay window, so a wrong clock shows as
    /// a clear error, never as a payment.
    /// </summary>
    public interface IWallClock
    {
        long UnixSeconds { get; }
    }
}
