using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;
using Terminal.Money;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Self-test and probe items of the cashier's side: the keypad driver on in-memory lines with a fake
    /// clock, amount entry of a fixed key sequence, and money formatting in both languages.
    /// </summary>
    public static class KeypadSelfTest
    {
        public static void Run(SelfTestReport report)
        {
            report.Check("keypad.bounce", Bounce);
            report.Check("keypad.ghost", Ghost);
            report.Check("money.entry", Entry);
            report.Check("money.entry.overflow", EntryOverflow);
            report.Check("money.format.no", FormatNorwegian);
            report.Check("money.format.en", FormatEnglish);
            report.Check("money.format.isk", FormatKronur);
        }

        private static void Bounce(SelfTestReport report) { report.ExpectText("5D5U", BouncedKeyEvents()); }

        private static void Ghost(SelfTestReport report) { report.ExpectNumber(0, GhostEventCount()); }

        private static void Entry(SelfTestReport report)
        {
            // 0 (leading, ignored) 1 2 5 0, C (00), 7, B (backspace): 1250 -> 125000 -> 1250007 -> 125000
            AmountEntry entry = new AmountEntry(CurrencyTable.Nok);
            PressAll(entry, "01250C7B");
            report.ExpectNumber(125000, entry.AmountMinor);
        }

        private static void EntryOverflow(SelfTestReport report)
        {
            AmountEntry entry = new AmountEntry(CurrencyTable.Nok);
            PressAll(entry, "9999999");
            int result = entry.Press('9');
            // Amount and result code: the amount is kept, the key refused.
            report.ExpectText("9999999 3", entry.AmountMinor.ToString() + " " + result.ToString());
        }

        private static void FormatNorwegian(SelfTestReport report) { report.ExpectText("1 234,50 kr", MoneyFormat.Format(123450, CurrencyTable.Nok, Language.Norwegian)); }

        private static void FormatEnglish(SelfTestReport report) { report.ExpectText("NOK 1,234.50", MoneyFormat.Format(123450, CurrencyTable.Nok, Language.English)); }

        private static void FormatKronur(SelfTestReport report) { report.ExpectText("1 234 567 ISK", MoneyFormat.Format(1234567, CurrencyTable.Isk, Language.Norwegian)); }

        public static void Run(ProbeReport probe, int repetitions)
        {
            // The keypad's state is made for its item only (no local keeps it): a second driver is the probe's largest
            // object, and the money items run without it.
            probe.Time("keypad.scan", repetitions, new KeypadProbe().Scan);
            MoneyProbe money = new MoneyProbe();
            probe.Time("money.entry.key", repetitions, money.EnterKeys);
            probe.Time("money.format", repetitions, money.FormatAmount);
        }

        /// <summary>
        /// A '5' whose contact bounces for 4 ms, is held 100 ms, then released: the events as keycap plus
        /// D(own) / U(p) / R(epeat) letters. Exactly one press and one release is "5D5U".
        /// </summary>
        private static string BouncedKeyEvents()
        {
            FakeClock clock = new FakeClock(0);
            MemoryKeypadLines lines = new MemoryKeypadLines(4);
            MatrixKeypad keypad = new MatrixKeypad(lines, clock, new KeypadTiming(), KeypadKeymap.Standard());
            char[] seen = new char[16];
            int count = 0;
            KeyEvent keyEvent = new KeyEvent();
            for (int ms = 0; ms < 200; ms++)
            {
                bool closed = ms < 4 ? (ms & 1) == 0 : ms < 104;
                lines.SetKey(1, 1, closed);
                keypad.Scan();
                while (keypad.TryReadEvent(keyEvent) && count < seen.Length - 1)
                {
                    seen[count++] = keyEvent.Keycap;
                    seen[count++] = keyEvent.Kind == KeyEventKind.Down ? 'D' : keyEvent.Kind == KeyEventKind.Up ? 'U' : 'R';
                }
                clock.Advance(1);
            }
            return new string(seen, 0, count);
        }

        /// <summary>Three keys on a rectangle (1, 2, 4) with the ghost 5 wired in, as the membrane shows it.</summary>
        private static int GhostEventCount()
        {
            FakeClock clock = new FakeClock(0);
            MemoryKeypadLines lines = new MemoryKeypadLines(4);
            MatrixKeypad keypad = new MatrixKeypad(lines, clock, new KeypadTiming(), KeypadKeymap.Standard());
            lines.SetKey(0, 0, true);
            lines.SetKey(0, 1, true);
            lines.SetKey(1, 0, true);
            lines.SetKey(1, 1, true); // the ghost: what the scan of column 2 reads through the other three
            KeyEvent keyEvent = new KeyEvent();
            int events = 0;
            for (int ms = 0; ms < 100; ms += 5)
            {
                keypad.Scan();
                while (keypad.TryReadEvent(keyEvent)) events++;
                clock.Advance(5);
            }
            return events;
        }

        private static void PressAll(AmountEntry entry, string keys)
        {
            for (int i = 0; i < keys.Length; i++) entry.Press(keys[i]);
        }

        /// <summary>The keypad item's state, allocated once per probe: a driver on in-memory lines and a fake clock.</summary>
        private sealed class KeypadProbe
        {
            private readonly FakeClock _clock = new FakeClock(0);
            private readonly MemoryKeypadLines _lines = new MemoryKeypadLines(4);
            private readonly MatrixKeypad _keypad;
            private readonly KeyEvent _event = new KeyEvent();
            private int _scans;

            public KeypadProbe()
            {
                _keypad = new MatrixKeypad(_lines, _clock, new KeypadTiming(), KeypadKeymap.Standard());
            }

            /// <summary>One 4x4 scan; a key goes down and up every 40 scans so debouncing is exercised.</summary>
            public void Scan()
            {
                int phase = _scans++ % 40;
                if (phase == 0) _lines.SetKey(2, 2, true);
                if (phase == 20) _lines.SetKey(2, 2, false);
                _clock.Advance(5);
                _keypad.Scan();
                while (_keypad.TryReadEvent(_event))
                {
                }
            }
        }

        /// <summary>The money items' state, allocated once per probe.</summary>
        private sealed class MoneyProbe
        {
            private readonly AmountEntry _entry = new AmountEntry(CurrencyTable.Nok);
            private readonly char[] _text = new char[MoneyFormat.MaxChars];

            /// <summary>A digit and a backspace: one key press each way.</summary>
            public void EnterKeys()
            {
                _entry.Press('7');
                _entry.Press('B');
            }

            public void FormatAmount()
            {
                MoneyFormat.Write(123456789, CurrencyTable.Nok, Language.Norwegian, _text, 0);
            }
        }
    }
}
