using System;
using System.Collections.Generic;
using System.Device.Gpio;
using System.Threading;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;

namespace Terminal.Simulator.VirtualHardware
{
    /// <summary>
    /// A 4x4 membrane keypad on GPIO pins, as a .NET IoT <see cref="GpioDriver"/>: put it in
    /// <c>new GpioController(matrix)</c> and the real adapter and driver scan it.
    /// <para>
    /// The model is electrical, with no diodes: a closed key joins its row wire to its column wire, and any
    /// wire joined (through any chain of closed keys) to an output driven low reads low; otherwise a row
    /// reads its pull-up. So ghosting is not programmed in, it emerges: with (r1,c1), (r1,c2) and (r2,c1)
    /// closed, driving c2 low pulls r2 low as if (r2,c2) were closed.
    /// </para>
    /// <para>
    /// Contact bounce: for <see cref="BounceMs"/> after a press or release the contact flips open and closed
    /// each millisecond in a pattern drawn from the seed, then settles; time comes from the clock given
    /// (a fake clock in tests).
    /// </para>
    /// </summary>
    public sealed class VirtualKeypadMatrix : GpioDriver
    {
        private readonly object _sync = new object();
        private readonly int[] _rowPins;
        private readonly int[] _columnPins;
        private readonly IClock _clock;
        private readonly KeypadKeymap _keymap;
        private readonly ulong _bounceSeed;
        private readonly int _pinCount;

        private readonly bool[] _open;
        private readonly PinMode[] _modes;
        private readonly bool[] _outputHigh;

        // Per key (row * columns + column): where the contact is heading and when it was told to.
        private readonly bool[] _pressed;
        private readonly long[] _changedAtMs;

        // Per column: rows whose contact to that column is closed right now (reused by every read).
        private readonly int[] _closedRows;

        // Strokes typed ahead (Type): key, press time, release time; applied as the clock reaches them.
        private readonly List<(int Key, long PressAtMs, long ReleaseAtMs)> _strokes = new();
        private long _typedUntilMs = long.MinValue;

        private int _bounceMs;

        /// <param name="rowPins">GPIO numbers of rows R1-R4 (from the firmware's pin map).</param>
        /// <param name="columnPins">GPIO numbers of columns C1-C4.</param>
        /// <param name="bounceMs">how long each contact bounces after a press or release.</param>
        /// <param name="bounceSeed">seed of the bounce pattern.</param>
        public VirtualKeypadMatrix(int[] rowPins, int[] columnPins, IClock clock, int bounceMs = 0, int bounceSeed = 1)
            : this(rowPins, columnPins, clock, KeypadKeymap.Standard(), bounceMs, bounceSeed)
        {
        }

        public VirtualKeypadMatrix(int[] rowPins, int[] columnPins, IClock clock, KeypadKeymap keymap, int bounceMs, int bounceSeed)
        {
            ArgumentNullException.ThrowIfNull(clock);
            ArgumentNullException.ThrowIfNull(keymap);
            if (rowPins == null || rowPins.Length != keymap.Rows) throw new ArgumentException("one row pin per keymap row", nameof(rowPins));
            if (columnPins == null || columnPins.Length != keymap.Columns) throw new ArgumentException("one column pin per keymap column", nameof(columnPins));
            int[] allPins = new int[rowPins.Length + columnPins.Length];
            rowPins.CopyTo(allPins, 0);
            columnPins.CopyTo(allPins, rowPins.Length);
            int highestPin = -1;
            for (int i = 0; i < allPins.Length; i++)
            {
                if (allPins[i] < 0) throw new ArgumentException("pin numbers must not be negative");
                if (Array.IndexOf(allPins, allPins[i]) != i) throw new ArgumentException("pin " + allPins[i] + " is wired twice");
                highestPin = Math.Max(highestPin, allPins[i]);
            }

            _rowPins = (int[])rowPins.Clone();
            _columnPins = (int[])columnPins.Clone();
            _clock = clock;
            _keymap = keymap;
            BounceMs = bounceMs;
            _bounceSeed = (ulong)bounceSeed;
            _pinCount = highestPin + 1;
            _open = new bool[_pinCount];
            _modes = new PinMode[_pinCount];
            _outputHigh = new bool[_pinCount];
            // Output latches power up high: a scanner must set a column low before it drives it.
            for (int pin = 0; pin < _pinCount; pin++) _outputHigh[pin] = true;
            _pressed = new bool[keymap.Rows * keymap.Columns];
            _changedAtMs = new long[keymap.Rows * keymap.Columns];
            _closedRows = new int[keymap.Columns];
        }

        /// <summary>How long each contact bounces after a press or release; 0 = clean contacts.</summary>
        public int BounceMs
        {
            get { return _bounceMs; }
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), "bounce time must not be negative");
                _bounceMs = value;
            }
        }

        /// <summary>The most column pins that were ever outputs at the same time (a correct scanner: 1).</summary>
        public int MostColumnsDrivenAtOnce { get; private set; }

        /// <summary>True once two outputs at different levels were joined through closed keys.</summary>
        public bool ShortCircuitSeen { get; private set; }

        public void Press(char keycap)
        {
            SetKey(keycap, true);
        }

        public void Release(char keycap)
        {
            SetKey(keycap, false);
        }

        /// <summary>
        /// Types keycaps one after another on the clock, the way the control API's POST /api/keys does: each
        /// key is held <paramref name="holdMs"/>, then open <paramref name="gapMs"/> before the next; typing
        /// continues after strokes typed earlier. All keycaps are checked first: a bad one types nothing.
        /// Returns the clock time at which the last key is released.
        /// </summary>
        public long Type(string keycaps, int holdMs = 60, int gapMs = 60)
        {
            ArgumentNullException.ThrowIfNull(keycaps);
            if (holdMs < 1 || gapMs < 1) throw new ArgumentOutOfRangeException(nameof(holdMs), "hold and gap times must be at least 1 ms");
            int[] keys = new int[keycaps.Length];
            for (int i = 0; i < keycaps.Length; i++) keys[i] = KeyOf(keycaps[i]);
            lock (_sync)
            {
                long atMs = Math.Max(_clock.NowMs, _typedUntilMs);
                foreach (int key in keys)
                {
                    _strokes.Add((key, atMs, atMs + holdMs));
                    atMs += holdMs + gapMs;
                }
                _typedUntilMs = atMs;
                return atMs - gapMs;
            }
        }

        /// <summary>Typed strokes not yet released.</summary>
        public int PendingStrokes
        {
            get
            {
                lock (_sync)
                {
                    ApplyTypedStrokes(_clock.NowMs);
                    return _strokes.Count;
                }
            }
        }

        public void ReleaseAll()
        {
            lock (_sync)
            {
                _strokes.Clear();
                _typedUntilMs = long.MinValue;
                for (int key = 0; key < _pressed.Length; key++)
                {
                    if (_pressed[key]) SetKeyLocked(key, false);
                }
            }
        }

        /// <summary>Whether the finger is on the key (the contact may still be bouncing).</summary>
        public bool IsPressed(char keycap)
        {
            lock (_sync)
            {
                ApplyTypedStrokes(_clock.NowMs);
                return _pressed[KeyOf(keycap)];
            }
        }

        protected override int PinCount => _pinCount;

        protected override void OpenPin(int pinNumber)
        {
            lock (_sync)
            {
                CheckOurs(pinNumber);
                _open[pinNumber] = true;
                _modes[pinNumber] = PinMode.Input; // the latch keeps its level, as a real pin's does
            }
        }

        protected override void ClosePin(int pinNumber)
        {
            lock (_sync)
            {
                CheckOurs(pinNumber);
                _open[pinNumber] = false;
                _modes[pinNumber] = PinMode.Input;
            }
        }

        protected override void SetPinMode(int pinNumber, PinMode mode)
        {
            lock (_sync)
            {
                CheckOpen(pinNumber);
                if (!IsPinModeSupported(pinNumber, mode)) throw new InvalidOperationException("pin mode " + mode + " is not supported");
                _modes[pinNumber] = mode;
                int driven = 0;
                foreach (int pin in _columnPins)
                {
                    if (_open[pin] && _modes[pin] == PinMode.Output) driven++;
                }
                MostColumnsDrivenAtOnce = Math.Max(MostColumnsDrivenAtOnce, driven);
            }
        }

        protected override PinMode GetPinMode(int pinNumber)
        {
            lock (_sync)
            {
                CheckOpen(pinNumber);
                return _modes[pinNumber];
            }
        }

        protected override bool IsPinModeSupported(int pinNumber, PinMode mode)
        {
            return mode == PinMode.Input || mode == PinMode.InputPullUp || mode == PinMode.InputPullDown || mode == PinMode.Output;
        }

        protected override void Write(int pinNumber, PinValue value)
        {
            lock (_sync)
            {
                CheckOpen(pinNumber);
                _outputHigh[pinNumber] = value == PinValue.High;
            }
        }

        protected override PinValue Read(int pinNumber)
        {
            lock (_sync)
            {
                CheckOpen(pinNumber);
                if (_modes[pinNumber] == PinMode.Output) return _outputHigh[pinNumber] ? PinValue.High : PinValue.Low;
                long nowMs = _clock.NowMs;
                ApplyTypedStrokes(nowMs);
                ReadContacts(nowMs);
                int lowRows, lowColumns;
                Propagate(false, out lowRows, out lowColumns);
                int highRows, highColumns;
                Propagate(true, out highRows, out highColumns);
                if ((lowRows & highRows) != 0 || (lowColumns & highColumns) != 0) ShortCircuitSeen = true;

                int row = Array.IndexOf(_rowPins, pinNumber);
                bool pulledLow = row >= 0 ? (lowRows & (1 << row)) != 0 : (lowColumns & (1 << Array.IndexOf(_columnPins, pinNumber))) != 0;
                if (pulledLow) return PinValue.Low;
                return _modes[pinNumber] == PinMode.InputPullDown ? PinValue.Low : PinValue.High;
            }
        }

        protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
        {
            throw new NotSupportedException("the keypad is polled; the virtual matrix raises no pin events");
        }

        protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
        {
            throw new NotSupportedException("the keypad is polled; the virtual matrix raises no pin events");
        }

        protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
        {
            throw new NotSupportedException("the keypad is polled; the virtual matrix raises no pin events");
        }

        /// <summary>
        /// The wires reachable from every output at the given level through closed contacts: start from the
        /// driven wires and follow closed keys row to column and back until nothing new is reached.
        /// </summary>
        private void Propagate(bool high, out int rows, out int columns)
        {
            rows = 0;
            columns = 0;
            for (int r = 0; r < _rowPins.Length; r++)
            {
                if (IsDrivenAt(_rowPins[r], high)) rows |= 1 << r;
            }
            for (int c = 0; c < _columnPins.Length; c++)
            {
                if (IsDrivenAt(_columnPins[c], high)) columns |= 1 << c;
            }
            while (true)
            {
                int newRows = rows;
                int newColumns = columns;
                for (int c = 0; c < _columnPins.Length; c++)
                {
                    if ((columns & (1 << c)) != 0) newRows |= _closedRows[c];
                    if ((_closedRows[c] & rows) != 0) newColumns |= 1 << c;
                }
                if (newRows == rows && newColumns == columns) return;
                rows = newRows;
                columns = newColumns;
            }
        }

        private bool IsDrivenAt(int pin, bool high)
        {
            return _open[pin] && _modes[pin] == PinMode.Output && _outputHigh[pin] == high;
        }

        /// <summary>Presses and releases typed keys whose time has come, stamped with their own times.</summary>
        private void ApplyTypedStrokes(long nowMs)
        {
            while (_strokes.Count > 0)
            {
                var stroke = _strokes[0];
                if (nowMs < stroke.PressAtMs) return;
                if (!_pressed[stroke.Key] || _changedAtMs[stroke.Key] != stroke.PressAtMs)
                {
                    _pressed[stroke.Key] = true;
                    _changedAtMs[stroke.Key] = stroke.PressAtMs;
                }
                if (nowMs < stroke.ReleaseAtMs) return;
                _pressed[stroke.Key] = false;
                _changedAtMs[stroke.Key] = stroke.ReleaseAtMs;
                _strokes.RemoveAt(0);
            }
        }

        private void ReadContacts(long nowMs)
        {
            int columns = _keymap.Columns;
            Array.Clear(_closedRows);
            for (int key = 0; key < _pressed.Length; key++)
            {
                if (ContactClosed(key, nowMs)) _closedRows[key % columns] |= 1 << (key / columns);
            }
        }

        private bool ContactClosed(int key, long nowMs)
        {
            long sinceChangeMs = nowMs - _changedAtMs[key];
            if (sinceChangeMs >= _bounceMs || sinceChangeMs < 0) return _pressed[key];
            // Bouncing: the contact's state in this millisecond, from a hash of seed, key, change time and ms.
            ulong x = _bounceSeed * 0x9E3779B97F4A7C15UL ^ (ulong)key * 0xBF58476D1CE4E5B9UL
                ^ (ulong)_changedAtMs[key] * 0x94D049BB133111EBUL ^ (ulong)sinceChangeMs;
            x ^= x >> 31;
            x *= 0xD6E8FEB86659FD93UL;
            x ^= x >> 32;
            return (x & 1) != 0;
        }

        private void SetKey(char keycap, bool pressed)
        {
            lock (_sync)
            {
                int key = KeyOf(keycap);
                if (_pressed[key] != pressed) SetKeyLocked(key, pressed);
            }
        }

        private void SetKeyLocked(int key, bool pressed)
        {
            _pressed[key] = pressed;
            _changedAtMs[key] = _clock.NowMs;
        }

        private int KeyOf(char keycap)
        {
            int key = _keymap.IndexOf(keycap);
            if (key < 0) throw new ArgumentException("'" + keycap + "' is not a key of the keypad", nameof(keycap));
            return key;
        }

        private void CheckOurs(int pinNumber)
        {
            if (pinNumber < 0 || pinNumber >= _pinCount || Array.IndexOf(_rowPins, pinNumber) < 0 && Array.IndexOf(_columnPins, pinNumber) < 0)
                throw new ArgumentException("pin " + pinNumber + " is not wired to the keypad", nameof(pinNumber));
        }

        private void CheckOpen(int pinNumber)
        {
            CheckOurs(pinNumber);
            if (!_open[pinNumber]) throw new InvalidOperationException("pin " + pinNumber + " is not open");
        }
    }
}
