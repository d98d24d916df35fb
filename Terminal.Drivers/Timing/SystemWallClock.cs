using System;

namespace Terminal.Drivers.Timing
{
    /// <summary>Wall time from DateTime.UtcNow (set by SNTP on the device).</summary>
    public sealed class SystemWallClock : IWallClock
    {
        private const long UnixEpochTicks = 621355968000000000L; // new DateTime(1970, 1, 1).Ticks

        public long UnixSeconds
        {
            get { return (DateTime.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond; }
        }
    }
}
