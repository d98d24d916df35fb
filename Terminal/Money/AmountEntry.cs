using System;
using Terminal.Drivers.Keypad;

namespace Terminal.Money
{
    /// <summary>
    /// Cash-register amount entry in integer minor units: digits shift in from the right (1, 2, 5, 0, 0 is
    /// 125,00), C adds "00", B removes the last digit (the keypad repeats it while held), A clears, D submits.
    /// Leading zeros are ignored, a key that would pass <see cref="MaxMinor"/> is refused with no change, and
    /// zero cannot be submitted. What each keycap means is <see cref="Keycaps"/>. No key allocates.
    /// </summary>
    public sealed class AmountEntry
    {
        /// <summary>Default maximum: seven digits, 99 999,99 kr for a two-decimal currency.</summary>
        public const long DefaultMaxMinor = 9999999;

        /// <summary>Largest maximum allowed: fourteen digits, so amount * 10 + 9 never leaves a long.</summary>
        public const long LargestMaxMinor = 99999999999999;

        private readonly Currency _currency;
        private readonly long _maxMinor;
        private long _amountMinor;
        private int _lastResult = EntryResult.Unchanged;

        public AmountEntry(Currency currency)
            : this(currency, DefaultMaxMinor)
        {
        }

        public AmountEntry(Currency currency, long maxMinor)
        {
            if (currency == null) throw new ArgumentNullException("currency");
            if (maxMinor < 1 || maxMinor > LargestMaxMinor)
                throw new ArgumentOutOfRangeException("maxMinor", "the maximum must be 1 to 99999999999999 minor units");
            _currency = currency;
            _maxMinor = maxMinor;
        }

        public Currency Currency
        {
            get { return _currency; }
        }

        public long MaxMinor
        {
            get { return _maxMinor; }
        }

        /// <summary>The amount held, in minor units; never negative, never above <see cref="MaxMinor"/>.</summary>
        public long AmountMinor
        {
            get { return _amountMinor; }
        }

        /// <summary>Significant digits held (leading zeros are never held): 0 for an empty amount.</summary>
        public int DigitCount
        {
            get
            {
                int digits = 0;
                for (long rest = _amountMinor; rest != 0; rest /= 10) digits++;
                return digits;
            }
        }

        /// <summary>Whether OK would submit: only an amount above zero can be paid.</summary>
        public bool CanSubmit
        {
            get { return _amountMinor > 0; }
        }

        /// <summary>The last key was refused for passing the maximum: the screen shows the cue until the next key.</summary>
        public bool ShowsOverflowCue
        {
            get { return _lastResult == EntryResult.RefusedOverflow; }
        }

        /// <summary>Applies one keycap ('0'-'9', 'A'-'D'); other keycaps give NotAnEntryKey and change nothing.</summary>
        public int Press(char keycap)
        {
            if (keycap >= '0' && keycap <= '9') return PressDigit(keycap);
            switch (keycap)
            {
                case Keycaps.DoubleZero: return PressDoubleZero();
                case Keycaps.Backspace: return Backspace();
                case Keycaps.Cancel: return Clear();
                case Keycaps.Ok: return Submit();
                default: return Done(EntryResult.NotAnEntryKey);
            }
        }

        /// <summary>Shifts one digit in from the right.</summary>
        public int PressDigit(char digit)
        {
            if (digit < '0' || digit > '9') throw new ArgumentException("not a digit: '" + digit + "'", "digit");
            return ShiftIn(digit - '0', 10);
        }

        /// <summary>Shifts "00" in, or refuses both zeros when they would pass the maximum.</summary>
        public int PressDoubleZero()
        {
            return ShiftIn(0, 100);
        }

        /// <summary>Removes the last digit.</summary>
        public int Backspace()
        {
            if (_amountMinor == 0) return Done(EntryResult.Unchanged);
            _amountMinor /= 10;
            return Done(EntryResult.Changed);
        }

        /// <summary>Cancel: clears the amount (nothing to do on an empty one).</summary>
        public int Clear()
        {
            if (_amountMinor == 0) return Done(EntryResult.Unchanged);
            _amountMinor = 0;
            return Done(EntryResult.Changed);
        }

        /// <summary>OK: Submitted for an amount above zero, RefusedZero otherwise. The amount is kept either way.</summary>
        public int Submit()
        {
            return Done(_amountMinor > 0 ? EntryResult.Submitted : EntryResult.RefusedZero);
        }

        /// <summary>
        /// Starts from a proposed amount (the manager's refund proposes what is still refundable), with no cue
        /// showing; an amount outside 0 to <see cref="MaxMinor"/> is refused.
        /// </summary>
        public void StartAt(long amountMinor)
        {
            if (amountMinor < 0 || amountMinor > _maxMinor) throw new ArgumentOutOfRangeException("amountMinor", "outside 0 to the maximum");
            _amountMinor = amountMinor;
            _lastResult = EntryResult.Unchanged;
        }

        /// <summary>Starts a new empty amount (after a payment), with no cue showing.</summary>
        public void Reset()
        {
            _amountMinor = 0;
            _lastResult = EntryResult.Unchanged;
        }

        private int ShiftIn(int digit, int factor)
        {
            if (_amountMinor == 0 && digit == 0) return Done(EntryResult.Unchanged); // leading zeros
            long next = _amountMinor * factor + digit; // fits: amount <= LargestMaxMinor < long.MaxValue / 100
            if (next > _maxMinor) return Done(EntryResult.RefusedOverflow);
            _amountMinor = next;
            return Done(EntryResult.Changed);
        }

        private int Done(int result)
        {
            _lastResult = result;
            return result;
        }
    }
}
