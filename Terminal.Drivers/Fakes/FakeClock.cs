using Terminal.Drivers.Timing;

namespace Terminal.Drivers.Fakes
{
    /// <summary>A clock that moves only when told to: the host's tests and the self-test use it.</summary>
    public sealed class FakeClock : IClock
    {
        private long _nowMs;

        public FakeClock(long startMs)
        {
            _nowMs = startMs;
        }

        public long NowMs
        {
            get { return _nowMs; }
        }

        public void Advance(long ms)
        {
            _nowMs += ms;
        }
    }
}
