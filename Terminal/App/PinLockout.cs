using Terminal.Drivers.Storage;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Text;

namespace Terminal.App
{
    /// <summary>
    /// Wrong technician PINs and the lockout they earn, kept in non-volatile storage so a power cycle neither
    /// resets the count nor shortens the lock. The record, pure ASCII with a checksum:
    ///
    ///     P1;2;40000;1a2b3c4d       (version; wrong PINs so far; lock time left in ms; checksum)
    ///
    /// How the lock time is measured: it is counted down only while the terminal is powered (the monotonic
    /// clock), and the time left is written back rounded UP to the next <see cref="PersistStepMs"/>, so a
    /// reboot restarts the countdown from at least the time that was left - it can lengthen a lock by up to one
    /// step, never shorten it. The wall clock is not used: after a power cut it comes from SNTP, which may not
    /// have answered yet (or may be wrong) when a technician presses '*', and a sanity rule on a wrong clock
    /// would either unlock early or lock forever. A terminal switched off serves no PIN guesses, so counting
    /// only powered time costs the attacker nothing they could use. The step is 1 s: a reboot loses at most that
    /// much progress, so rebooting every few seconds (a device takes longer than that to boot) still lets the
    /// lock run out, while a coarser step would let frequent reboots hold it forever. That is at most one
    /// write per second while locked (60 per lockout), and only after three wrong PINs.
    /// A record that fails its checks is treated as a full lock (fail closed) and reported.
    /// </summary>
    public sealed class PinLockout
    {
        public const string FormatVersion = "P1";
        private const char Separator = ';';

        /// <summary>Granularity of the persisted time left: a reboot may add up to this to a lock.</summary>
        public const int PersistStepMs = 1000;

        private readonly INonVolatileSlot _slot;
        private readonly IClock _clock;
        private readonly PosSettings _settings;
        private readonly IAppLog _log;

        private int _failures;
        private long _lockedUntilMs = -1; // monotonic clock of this boot; -1: not locked
        private long _persistedLeftMs;    // the time left as the flash holds it

        public PinLockout(INonVolatileSlot slot, IClock clock, PosSettings settings, IAppLog log)
        {
            _slot = slot;
            _clock = clock;
            _settings = settings;
            _log = log;
            Load();
        }

        /// <summary>Wrong PINs since the last right one or the last lock.</summary>
        public int Failures { get { return _failures; } }

        public bool IsLocked { get { return _lockedUntilMs >= 0 && _clock.NowMs < _lockedUntilMs; } }

        /// <summary>When the lock ends on this boot's monotonic clock (ms), or -1 when not locked.</summary>
        public long LockedUntilMs { get { return _lockedUntilMs; } }

        /// <summary>A wrong PIN: counted (and stored); the last allowed one locks the menu for PinLockoutMs.</summary>
        public void RecordFailure()
        {
            _failures++;
            if (_failures >= _settings.MaxPinTries)
            {
                _failures = 0;
                _lockedUntilMs = _clock.NowMs + _settings.PinLockoutMs;
                Store(_settings.PinLockoutMs);
                return;
            }
            Store(0);
        }

        /// <summary>The right PIN: the count starts afresh.</summary>
        public void RecordSuccess()
        {
            if (_failures == 0 && _lockedUntilMs < 0) return;
            _failures = 0;
            _lockedUntilMs = -1;
            Store(0);
        }

        /// <summary>Clock tick: the stored time left follows the countdown in steps; the end of the lock is stored.</summary>
        public void OnTick()
        {
            if (_lockedUntilMs < 0) return;
            long leftMs = _lockedUntilMs - _clock.NowMs;
            if (leftMs <= 0)
            {
                _lockedUntilMs = -1;
                Store(0);
                return;
            }
            long roundedUp = (leftMs + PersistStepMs - 1) / PersistStepMs * PersistStepMs;
            if (roundedUp < _persistedLeftMs) Store(roundedUp);
        }

        private void Store(long leftMs)
        {
            _persistedLeftMs = leftMs;
            string record = null; // nothing to remember: the slot is emptied
            if (_failures > 0 || leftMs > 0)
            {
                string body = FormatVersion + Separator + _failures.ToString() + Separator + leftMs.ToString() + Separator;
                record = body + RecordChecksum.Hex8(body, body.Length);
            }
            if (!_slot.Write(record))
                _log.Line("Could not store the technician PIN lockout in flash; it holds until the next restart only.");
        }

        private void Load()
        {
            string text = _slot.Read();
            if (text == null || text.Length == 0) return;
            long failures;
            long leftMs;
            if (!Parse(text, out failures, out leftMs))
            {
                // Fail closed: a damaged record could have been a lock.
                _log.Line("The technician PIN lockout record in flash is damaged; the menu stays locked for "
                    + (_settings.PinLockoutMs / 1000).ToString() + " s.");
                _failures = 0;
                _lockedUntilMs = _clock.NowMs + _settings.PinLockoutMs;
                Store(_settings.PinLockoutMs);
                return;
            }
            _failures = (int)failures;
            _persistedLeftMs = leftMs;
            if (leftMs > 0)
            {
                _lockedUntilMs = _clock.NowMs + leftMs;
                _log.Line("Technician menu still locked after wrong PINs: " + (leftMs / 1000).ToString() + " s left.");
            }
        }

        private bool Parse(string text, out long failures, out long leftMs)
        {
            failures = 0;
            leftMs = 0;
            if (!RecordChecksum.Holds(text)) return false;
            int versionEnd = text.IndexOf(Separator);
            if (versionEnd < 0 || text.Substring(0, versionEnd) != FormatVersion) return false;
            int failuresEnd = text.IndexOf(Separator, versionEnd + 1);
            int leftEnd = failuresEnd < 0 ? -1 : text.IndexOf(Separator, failuresEnd + 1);
            if (leftEnd < 0 || leftEnd != text.Length - RecordChecksum.HexChars - 1) return false;
            if (!AsciiDecimal.TryParse(text, versionEnd + 1, failuresEnd - versionEnd - 1, out failures)
                || !AsciiDecimal.TryParse(text, failuresEnd + 1, leftEnd - failuresEnd - 1, out leftMs)) return false;
            return failures < _settings.MaxPinTries && leftMs <= _settings.PinLockoutMs + PersistStepMs;
        }
    }
}
