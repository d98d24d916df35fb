using System;

namespace Terminal.Drivers.Timing
{
    /// <summary>
    /// The device's monotonic clock. nanoFramework's mscorlib has no Stopwatch or Environment.TickCount, so this
    /// reads DateTime.UtcNow and removes its steps: a backward step (an SNTP correction) and a forward jump larger
    /// than <see cref="MaxGapMs"/> (the first SNTP sync after a late Wi-Fi connection moves the clock from 1970 to
    /// now) are absorbed, so countdowns and debounce timers never see them. The UI loop reads it every few ms,
    /// so a real gap that long does not occur. Safe to read from the UI loop and the network worker at once.
    /// </summary>
    public sealed class SystemClock : IClock
    {
        /// <summary>A forward step larger than this between two reads is a clock step, not elapsed time.</summary>
        public const long MaxGapMs = 5 * 60 * 1000;

        private readonly object _sync = new object();
        private bool _started;
        private long _lastMs;
        private long _offsetMs;

        public long NowMs
        {
            get
            {
                lock (_sync)
                {
                    long raw = DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond + _offsetMs;
                    if (_started && (raw < _lastMs || raw - _lastMs > MaxGapMs))
                    {
                        _offsetMs += _lastMs - raw;
                        raw = _lastMs;
                    }
                    _started = true;
                    _lastMs = raw;
                    return raw;
                }
            }
        }
    }
}
