using System;
using Terminal.Drivers.Timing;

namespace Terminal.Drivers.Keypad
{
    /// <summary>
    /// Scans a membrane key matrix through <see cref="IKeypadLines"/>, in the manner of Zephyr's
    /// input_kbd_matrix: one scan reads every column into a row bitmask, skips the scan if it shows a ghost,
    /// then debounces each key with a timestamp and queues Down / Up / Repeat events.
    /// <para>
    /// The UI loop calls <see cref="Scan"/> when <see cref="NextScanDueMs"/> has come (every
    /// <see cref="KeypadTiming.ActivePollMs"/> while a key is closed or bouncing, every
    /// <see cref="KeypadTiming.IdlePollMs"/> otherwise; on the device the loop sleeps in between) and then
    /// drains <see cref="TryReadEvent"/>. All state is allocated here; a scan allocates nothing.
    /// </para>
    /// </summary>
    public sealed class MatrixKeypad
    {
        /// <summary>
        /// Events held between two reads: the UI loop drains them after every scan, and a scan reports at most one
        /// event per key that is not ghosted (two at once in practice), so this never fills in use.
        /// </summary>
        public const int EventCapacity = 16;

        private readonly IKeypadLines _lines;
        private readonly IClock _clock;
        private readonly KeypadTiming _timing;
        private readonly KeypadKeymap _keymap;
        private readonly int _rowMask;

        // One row bitmask per column, as Zephyr keeps them: what this scan read, what the last scan read,
        // keys whose reading changed and are not yet debounced, and the debounced state events report.
        private readonly int[] _newState;
        private readonly int[] _previousState;
        private readonly int[] _unstableState;
        private readonly int[] _stableState;

        /// <summary>Per key (row * columns + column): time of the scan that last saw its reading change.</summary>
        private readonly long[] _changedAtMs;

        private readonly char[] _eventKeycaps = new char[EventCapacity];
        private readonly int[] _eventKinds = new int[EventCapacity];
        private readonly long[] _eventTimesMs = new long[EventCapacity];
        private int _eventHead;
        private int _eventCount;
        private int _droppedEventCount;
        private int _ghostScanCount;

        private int _repeatKey = -1;
        private long _nextRepeatMs;

        private bool _hasScanned;
        private bool _active;
        private long _lastScanMs;

        public MatrixKeypad(IKeypadLines lines, IClock clock, KeypadTiming timing, KeypadKeymap keymap)
        {
            if (lines == null) throw new ArgumentNullException("lines");
            if (clock == null) throw new ArgumentNullException("clock");
            if (timing == null) throw new ArgumentNullException("timing");
            if (keymap == null) throw new ArgumentNullException("keymap");
            if (timing.SettleUs < 0 || timing.DebouncePressMs < 0 || timing.DebounceReleaseMs < 0)
                throw new ArgumentOutOfRangeException("timing", "settle and debounce times must not be negative");
            if (timing.ActivePollMs < 1 || timing.IdlePollMs < 1 || timing.RepeatDelayMs < 1 || timing.RepeatIntervalMs < 1)
                throw new ArgumentOutOfRangeException("timing", "poll and repeat periods must be at least 1 ms");

            _lines = lines;
            _clock = clock;
            _timing = timing;
            _keymap = keymap;
            _rowMask = (1 << keymap.Rows) - 1;
            _newState = new int[keymap.Columns];
            _previousState = new int[keymap.Columns];
            _unstableState = new int[keymap.Columns];
            _stableState = new int[keymap.Columns];
            _changedAtMs = new long[keymap.Rows * keymap.Columns];
            _lines.ReleaseColumns();
        }

        /// <summary>Scan period now: the active poll while any key is closed or bouncing, else the idle poll.</summary>
        public int ScanPeriodMs
        {
            get { return _active ? _timing.ActivePollMs : _timing.IdlePollMs; }
        }

        /// <summary>Clock time at which the next scan is due (now, before the first scan).</summary>
        public long NextScanDueMs
        {
            get { return _hasScanned ? _lastScanMs + ScanPeriodMs : _clock.NowMs; }
        }

        /// <summary>True when every key is open and stable (nothing to debounce, nothing held).</summary>
        public bool IsIdle
        {
            get { return !_active; }
        }

        /// <summary>Events waiting to be read.</summary>
        public int PendingEventCount
        {
            get { return _eventCount; }
        }

        /// <summary>Events lost because nobody read them and the queue was full (the newest are dropped).</summary>
        public int DroppedEventCount
        {
            get { return _droppedEventCount; }
        }

        /// <summary>Scans skipped because the matrix showed a ghost.</summary>
        public int GhostScanCount
        {
            get { return _ghostScanCount; }
        }

        /// <summary>Whether a keycap is down after debouncing.</summary>
        public bool IsDown(char keycap)
        {
            int key = _keymap.IndexOf(keycap);
            if (key < 0) return false;
            return (_stableState[key % _keymap.Columns] & (1 << (key / _keymap.Columns))) != 0;
        }

        /// <summary>Scans the matrix once, now, and queues the events it produces.</summary>
        public void Scan()
        {
            long nowMs = _clock.NowMs;
            _hasScanned = true;
            _lastScanMs = nowMs;

            ReadMatrix();
            if (HasGhost())
            {
                // Keys are down (at least three); keep polling fast, but believe nothing until the ghost is gone.
                _ghostScanCount++;
                _active = true;
                return;
            }
            DebounceAndReport(nowMs);
            RepeatHeldKey(nowMs);
            _active = AnyKeyClosedOrBouncing();
        }

        /// <summary>Copies the oldest waiting event into <paramref name="keyEvent"/>; false when there is none.</summary>
        public bool TryReadEvent(KeyEvent keyEvent)
        {
            if (keyEvent == null) throw new ArgumentNullException("keyEvent");
            if (_eventCount == 0) return false;
            keyEvent.Keycap = _eventKeycaps[_eventHead];
            keyEvent.Kind = _eventKinds[_eventHead];
            keyEvent.TimeMs = _eventTimesMs[_eventHead];
            _eventHead = (_eventHead + 1) % EventCapacity;
            _eventCount--;
            return true;
        }

        private void ReadMatrix()
        {
            int settleUs = _timing.SettleUs;
            for (int column = 0; column < _newState.Length; column++)
            {
                _lines.DriveColumn(column);
                _lines.WaitSettle(settleUs);
                _newState[column] = _lines.ReadRows() & _rowMask;
            }
            // Between scans no column is driven: two pressed keys in one row can never join two outputs.
            _lines.ReleaseColumns();
        }

        /// <summary>
        /// Without diodes, three closed keys on the corners of a rectangle make the fourth corner read closed:
        /// <code>
        ///          col a   col b
        ///   row 1   [X]-----[X]      driving col b pulls row 1 low through (1,b),
        ///            |       :       row 1 pulls col a low through (1,a),
        ///   row 2   [X].....(X)      col a pulls row 2 low through (2,a): (2,b) reads closed.
        /// </code>
        /// So any two columns that share two or more closed rows may hold a ghost, and the scan is skipped.
        /// </summary>
        private bool HasGhost()
        {
            int columns = _newState.Length;
            for (int a = 0; a < columns; a++)
            {
                if (_newState[a] == 0) continue;
                for (int b = a + 1; b < columns; b++)
                {
                    int common = _newState[a] & _newState[b];
                    if ((common & (common - 1)) != 0) return true; // more than one bit in common
                }
            }
            return false;
        }

        private void DebounceAndReport(long nowMs)
        {
            // Few locals: this frame sits under every scan of the UI loop, and every local is a 24-byte slot of a call
            // frame nanoCLR needs in one free piece of its heap (docs/memory.md, "Fragmentation").
            for (int column = 0; column < _newState.Length; column++)
            {
                int rowsNow = _newState[column];
                int changed = rowsNow ^ _previousState[column];
                _previousState[column] = rowsNow;
                if (changed != 0)
                {
                    // A reading that changes restarts that key's debounce clock: bounces only delay the event.
                    for (int row = 0; row < _keymap.Rows; row++)
                    {
                        if ((changed & (1 << row)) != 0) _changedAtMs[row * _newState.Length + column] = nowMs;
                    }
                    _unstableState[column] |= changed;
                }

                for (int row = 0; _unstableState[column] != 0 && row < _keymap.Rows; row++)
                {
                    int bit = 1 << row;
                    if ((_unstableState[column] & bit) == 0) continue;
                    int key = row * _newState.Length + column;
                    bool closed = (rowsNow & bit) != 0;
                    if (nowMs - _changedAtMs[key] < (closed ? _timing.DebouncePressMs : _timing.DebounceReleaseMs)) continue;

                    _unstableState[column] &= ~bit;
                    if (((_stableState[column] ^ rowsNow) & bit) == 0) continue; // back where it was: a glitch
                    _stableState[column] ^= bit;

                    // The key changed: report it (here, not in a method of its own: the UI loop's call chain, whose
                    // frames are heap in nanoCLR, meets the worker's at the heap's peak; docs/memory.md).
                    char keycap = _keymap.KeycapAt(row, column);
                    if (closed)
                    {
                        Queue(keycap, KeyEventKind.Down, nowMs);
                        // A new key ends any repeat: the cashier has moved on.
                        if (_keymap.Repeats(keycap))
                        {
                            _repeatKey = key;
                            _nextRepeatMs = nowMs + _timing.RepeatDelayMs;
                        }
                        else
                        {
                            _repeatKey = -1;
                        }
                    }
                    else
                    {
                        Queue(keycap, KeyEventKind.Up, nowMs);
                        if (key == _repeatKey) _repeatKey = -1;
                    }
                }
            }
        }

        private void RepeatHeldKey(long nowMs)
        {
            if (_repeatKey < 0 || nowMs < _nextRepeatMs) return;
            // A held key that reads open may be on its way up: no Repeat until it is closed and stable again.
            if ((_unstableState[_repeatKey % _keymap.Columns] & (1 << (_repeatKey / _keymap.Columns))) != 0) return;
            Queue(_keymap.KeycapAt(_repeatKey / _keymap.Columns, _repeatKey % _keymap.Columns), KeyEventKind.Repeat, nowMs);
            // One Repeat per scan at most: a late scan must not burst several deletions at once.
            _nextRepeatMs += _timing.RepeatIntervalMs;
            if (_nextRepeatMs <= nowMs) _nextRepeatMs = nowMs + _timing.RepeatIntervalMs;
        }

        private bool AnyKeyClosedOrBouncing()
        {
            for (int column = 0; column < _stableState.Length; column++)
            {
                if ((_stableState[column] | _unstableState[column]) != 0) return true;
            }
            return false;
        }

        private void Queue(char keycap, int kind, long nowMs)
        {
            if (_eventCount == EventCapacity)
            {
                _droppedEventCount++;
                return;
            }
            int slot = (_eventHead + _eventCount) % EventCapacity;
            _eventKeycaps[slot] = keycap;
            _eventKinds[slot] = kind;
            _eventTimesMs[slot] = nowMs;
            _eventCount++;
        }
    }
}
