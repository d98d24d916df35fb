using System;
using System.Collections.Generic;
using System.Device.Pwm;
using Terminal.Drivers.Timing;

namespace Terminal.Simulator.VirtualHardware
{
    /// <summary>
    /// A piezo sounder on a .NET IoT PWM channel: the real adapter (Terminal.Drivers.Adapters.PwmToneOutput) and
    /// the real buzzer driver run unchanged on it. It hears what a sounder would: each stretch of time in which
    /// the channel runs at a duty cycle above 0 and below 1 is one tone of the channel's frequency; a pitch
    /// change while running ends one tone and starts the next. The last tones are kept, numbered from 1, for
    /// the control API (the page plays them with Web Audio) and tests, in arrays made once: the firmware's UI
    /// thread drives this sounder, and the simulator's allocation figures for that thread must stay the
    /// firmware's own.
    /// </summary>
    public sealed class VirtualPiezo : PwmChannel
    {
        /// <summary>How many tones are kept (a PAID pattern is three, a session's clicks are many).</summary>
        public const int KeptTones = 64;

        /// <summary>One tone as the sounder made it: its number since start, pitch, start and length on the clock.</summary>
        public sealed record Tone(long Number, int FrequencyHz, long StartMs, long DurationMs);

        private readonly object _sync = new();
        private readonly IClock _clock;
        // A ring of the last KeptTones finished tones: _kept of them, the newest at _newest.
        private readonly long[] _numbers = new long[KeptTones];
        private readonly int[] _frequenciesHz = new int[KeptTones];
        private readonly long[] _startsMs = new long[KeptTones];
        private readonly long[] _durationsMs = new long[KeptTones];
        private int _newest = -1;
        private int _kept;
        private int _frequencyHz = 400;
        private double _dutyCycle = 0.5;
        private bool _running;
        private long _toneStartMs = -1; // -1: silent
        private long _toneCount;

        public VirtualPiezo(IClock clock)
        {
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        public override int Frequency
        {
            get => _frequencyHz;
            set
            {
                if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value), "frequency must be positive");
                lock (_sync)
                {
                    if (value == _frequencyHz) return;
                    EndTone();
                    _frequencyHz = value;
                    BeginToneIfAudible();
                }
            }
        }

        public override double DutyCycle
        {
            get => _dutyCycle;
            set
            {
                if (value < 0 || value > 1) throw new ArgumentOutOfRangeException(nameof(value), "duty cycle is 0.0 to 1.0");
                lock (_sync)
                {
                    EndTone();
                    _dutyCycle = value;
                    BeginToneIfAudible();
                }
            }
        }

        public override void Start()
        {
            lock (_sync)
            {
                if (_running) return;
                _running = true;
                BeginToneIfAudible();
            }
        }

        public override void Stop()
        {
            lock (_sync)
            {
                EndTone();
                _running = false;
            }
        }

        /// <summary>True while the sounder sounds.</summary>
        public bool Sounding
        {
            get { lock (_sync) return _toneStartMs >= 0; }
        }

        /// <summary>Tones started since power-on (also the number of the latest).</summary>
        public long ToneCount
        {
            get { lock (_sync) return _toneCount; }
        }

        /// <summary>The finished tones kept, numbered above <paramref name="afterNumber"/>, oldest first.</summary>
        public Tone[] TonesAfter(long afterNumber)
        {
            lock (_sync)
            {
                var result = new List<Tone>();
                for (int i = _kept - 1; i >= 0; i--)
                {
                    int at = (_newest - i + KeptTones) % KeptTones; // oldest first
                    if (_numbers[at] > afterNumber) result.Add(new Tone(_numbers[at], _frequenciesHz[at], _startsMs[at], _durationsMs[at]));
                }
                return result.ToArray();
            }
        }

        private void BeginToneIfAudible()
        {
            // A duty of 0 or 1 is a constant level: the membrane does not move.
            if (!_running || _dutyCycle <= 0 || _dutyCycle >= 1 || _toneStartMs >= 0) return;
            _toneStartMs = _clock.NowMs;
            _toneCount++;
        }

        private void EndTone()
        {
            if (_toneStartMs < 0) return;
            _newest = (_newest + 1) % KeptTones;
            _numbers[_newest] = _toneCount;
            _frequenciesHz[_newest] = _frequencyHz;
            _startsMs[_newest] = _toneStartMs;
            _durationsMs[_newest] = _clock.NowMs - _toneStartMs;
            if (_kept < KeptTones) _kept++;
            _toneStartMs = -1;
        }
    }
}
