using System;
using System.Collections;
using Terminal.Text;

namespace Terminal.Diagnostics
{
    /// <summary>One self-test item: compares what a part computes with a known answer through the report's Expect calls.</summary>
    public delegate void SelfTestCheck(SelfTestReport report);

    /// <summary>
    /// Runs the self-test's items and collects their results: prints one line per item to the serial/debug port
    /// (Console on nanoFramework) and keeps the lines, so the panel can show a summary. Each item is a name and a
    /// <see cref="SelfTestCheck"/> given to <see cref="Check"/>, which gives exactly one verdict per item: the
    /// check's Expect call, FAIL for an exception, or FAIL when the check gave no verdict.
    /// </summary>
    public sealed class SelfTestReport
    {
        private readonly ArrayList _lines = new ArrayList();
        private int _passed;
        private int _failed;
        private string _firstFailedItem;
        private string _item;
        private bool _judged;

        /// <summary>When false, lines are only kept, not printed (the panel's technician menu run).</summary>
        public bool PrintToConsole = true;

        /// <summary>
        /// When false, lines are not kept (only printed, if at all): the terminal's own runs, whose screens show
        /// only the counts and the first failed item, so the heap does not hold some 30 lines (docs/memory.md).
        /// </summary>
        public bool KeepLines = true;

        public int Passed { get { return _passed; } }
        public int Failed { get { return _failed; } }
        public bool AllPassed { get { return _failed == 0; } }

        /// <summary>The first item that failed, or null.</summary>
        public string FirstFailedItem { get { return _firstFailedItem; } }

        public int LineCount { get { return _lines.Count; } }

        public string Line(int index)
        {
            return (string)_lines[index];
        }

        /// <summary>Runs one item and records its verdict under its name.</summary>
        public void Check(string item, SelfTestCheck check)
        {
            _item = item;
            _judged = false;
            try
            {
                check(this);
                if (!_judged) Verdict(false, "the check gave no verdict");
            }
            catch (Exception e)
            {
                if (!_judged) Verdict(false, "exception " + e.GetType().Name + ": " + e.Message);
            }
            _item = null;
        }

        /// <summary>The item's verdict: two texts must be equal.</summary>
        public void ExpectText(string expected, string actual)
        {
            Verdict(expected == actual, "expected '" + expected + "' got '" + actual + "'");
        }

        /// <summary>The item's verdict: two numbers must be equal.</summary>
        public void ExpectNumber(long expected, long actual)
        {
            Verdict(expected == actual, "expected " + expected.ToString() + " got " + actual.ToString());
        }

        /// <summary>The item's verdict: bytes must read as this lower-case hex.</summary>
        public void ExpectHex(string expectedHex, byte[] actual, int offset, int count)
        {
            ExpectText(expectedHex, Hex.Of(actual, offset, count));
        }

        /// <summary>The item's verdict from a plain condition, with what differed when false.</summary>
        public void ExpectTrue(bool condition, string whatDiffered)
        {
            Verdict(condition, whatDiffered);
        }

        /// <summary>Prints the last line, SELFTEST PASS or SELFTEST FAIL.</summary>
        public void Finish()
        {
            Emit(AllPassed ? "SELFTEST PASS" : "SELFTEST FAIL");
        }

        private void Verdict(bool passed, string whatDiffered)
        {
            if (_item == null) throw new InvalidOperationException("an Expect call outside Check");
            if (_judged) throw new InvalidOperationException("item " + _item + " gave a second verdict");
            _judged = true;
            if (passed)
            {
                _passed++;
                Emit(_item + " PASS");
                return;
            }
            _failed++;
            if (_firstFailedItem == null) _firstFailedItem = _item;
            Emit(_item + " FAIL " + whatDiffered);
        }

        private void Emit(string line)
        {
            if (KeepLines) _lines.Add(line);
            if (PrintToConsole) Console.WriteLine(line);
        }
    }
}
