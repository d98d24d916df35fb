using Terminal.Drivers.Timing;

namespace Terminal.Drivers.Fakes
{
    /// <summary>Wall time that moves only when told to (tests, the gateway emulator's ledger clock).</summary>
    public sealed class FakeWallClock : IWallClock
    {
        private long _unixSeconds;
        private readonly object _lock = new object();

        public FakeWallClock(long unixSeconds)
        {
            _unixSeconds = unixSeconds;
        }

        public long UnixSeconds
        {
            get { lock (_lock) { return _unixSeconds; } }
        }

        public void Advance(long seconds)
        {
            lock (_lock) { _unixSeconds += seconds; }
        }
    }
}
