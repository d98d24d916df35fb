namespace Terminal.App
{
    /// <summary>One request to send again later, after the network failed (wait, cancel, query, open-order list).</summary>
    public sealed class RetryTimer
    {
        private long _dueAtMs = -1;
        private int _kind = RequestKind.None;

        public void Schedule(int kind, long dueAtMs)
        {
            _kind = kind;
            _dueAtMs = dueAtMs;
        }

        public void Cancel()
        {
            _dueAtMs = -1;
            _kind = RequestKind.None;
        }

        /// <summary>
        /// How long to wait before asking again after <paramref name="failuresInARow"/> network failures: RetryDelayMs,
        /// doubling with each failure up to MaxRetryDelayMs, so a gateway that keeps failing is not hammered.
        /// </summary>
        public static long DelayMs(PosSettings settings, int failuresInARow)
        {
            long delayMs = settings.RetryDelayMs;
            for (int i = 0; i < failuresInARow && delayMs < settings.MaxRetryDelayMs; i++) delayMs *= 2;
            return delayMs > settings.MaxRetryDelayMs ? settings.MaxRetryDelayMs : delayMs;
        }

        /// <summary>The request kind once it is due (and forgets it), RequestKind.None before.</summary>
        public int TakeDue(long nowMs)
        {
            if (_dueAtMs < 0 || nowMs < _dueAtMs) return RequestKind.None;
            int kind = _kind;
            Cancel();
            return kind;
        }
    }
}
