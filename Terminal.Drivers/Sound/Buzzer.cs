using System;
using Terminal.Drivers.Timing;

namespace Terminal.Drivers.Sound
{
    /// <summary>
    /// Plays <see cref="BuzzerPattern"/>s on the tone output without blocking and without allocating: Play
    /// starts a pattern, and the UI loop calls <see cref="Update"/> at every pass, which moves to the next
    /// step once the clock says the current one is over (the loop runs every few ms, so a step lasts its
    /// duration to within one pass). A key click never cuts a PAID or failure pattern short; PAID and failure
    /// replace whatever plays. Key clicks can be switched off (<see cref="KeyClicks"/>).
    /// </summary>
    public sealed class Buzzer
    {
        private readonly IToneOutput _output;
        private readonly IClock _clock;
        private int[] _steps;       // the playing pattern's table, null when silent
        private int _pattern = -1;
        private int _step;          // index of the current (frequency, duration) pair
        private long _stepEndsMs;
        private int _played;

        public Buzzer(IToneOutput output, IClock clock)
        {
            if (output == null) throw new ArgumentNullException("output");
            if (clock == null) throw new ArgumentNullException("clock");
            _output = output;
            _clock = clock;
            KeyClicks = true;
        }

        /// <summary>Whether a key press clicks (the merchant may want a silent keypad); PAID and failure always sound.</summary>
        public bool KeyClicks { get; set; }

        /// <summary>True while a pattern plays.</summary>
        public bool IsPlaying { get { return _steps != null; } }

        /// <summary>The pattern playing, or -1 when silent.</summary>
        public int Playing { get { return _pattern; } }

        /// <summary>Patterns started since power-on (for the self-test and the simulator).</summary>
        public int Played { get { return _played; } }

        /// <summary>Starts a pattern now. Unknown codes, a click while clicks are off or while another pattern plays, are ignored.</summary>
        public void Play(int pattern)
        {
            int[] steps = BuzzerPattern.Steps(pattern);
            if (steps == null) return;
            if (pattern == BuzzerPattern.KeyClick && (!KeyClicks || (_steps != null && _pattern != BuzzerPattern.KeyClick))) return;
            _steps = steps;
            _pattern = pattern;
            _played++;
            Begin(0, _clock.NowMs);
        }

        /// <summary>Moves through the pattern by the clock; call at every pass of the UI loop. Allocates nothing.</summary>
        public void Update()
        {
            if (_steps == null) return;
            long now = _clock.NowMs;
            while (_steps != null && now >= _stepEndsMs)
            {
                // Step boundaries follow the pattern's own timeline, not the late loop pass that saw them.
                if (_step + 2 >= _steps.Length) Stop();
                else Begin(_step + 2, _stepEndsMs);
            }
        }

        /// <summary>Silences the buzzer at once.</summary>
        public void Stop()
        {
            _steps = null;
            _pattern = -1;
            _output.StopTone();
        }

        private void Begin(int step, long startMs)
        {
            _step = step;
            _stepEndsMs = startMs + _steps[step + 1];
            int frequencyHz = _steps[step];
            if (frequencyHz > 0) _output.StartTone(frequencyHz);
            else _output.StopTone();
        }
    }
}
