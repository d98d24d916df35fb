using System;

namespace Terminal.Drivers.Timing
{
    /// <summary>
    /// The device's clock. nanoFramework's mscorlib has no Stopwatch or Environment.TickCount, so this
    /// reads DateTime.UtcNow; a backward step (an SNTP correction) is absorbed so time never runs backwards.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        private long _lastMs;
        private long _offsetMs;

        public long NowMs
        {
            get
            {
                long raw = DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond + _offsetMs;
                if (raw < _lastMs)
                {
                    _offsetMs += _lastMs - raw;
                    raw = _lastMs;
                }
                _lastMs = raw;
                return raw;
            }
        }
    }
}
