using System;
using System.Collections;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Collects the self-test's item results: prints one line per item to the serial/debug port
    /// (Console on nanoFramework) and keeps the lines, so the panel can show a summary.
    /// </summary>
    public sealed class SelfTestReport
    {
        private readonly ArrayList _lines = new ArrayList();
        private int _passed;
        private int _failed;
        private string _firstFailedItem;

        /// <summary>
        /// The name of one item whose expected value is deliberately corrupted before comparing, so a test can
        /// show that a wrong answer is reported as FAIL. Null (the default) on every real run.
        /// </summary>
        public string CorruptedItem;

        /// <summary>When false, lines are only kept, not printed (the panel's technician menu run).</summary>
        public bool PrintToConsole = true;

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

        /// <summary>Compares two texts; the corrupted item gets a changed expectation.</summary>
        public void ExpectText(string item, string expected, string actual)
        {
            if (item == CorruptedItem) expected = expected + "#";
            if (expected == actual) Pass(item);
            else Fail(item, "expected '" + expected + "' got '" + actual + "'");
        }

        /// <summary>Compares two numbers; the corrupted item gets a changed expectation.</summary>
        public void ExpectNumber(string item, long expected, long actual)
        {
            if (item == CorruptedItem) expected = expected ^ 1;
            if (expected == actual) Pass(item);
            else Fail(item, "expected " + expected.ToString() + " got " + actual.ToString());
        }

        /// <summary>Compares bytes as hex; the corrupted item gets a changed expectation.</summary>
        public void ExpectHex(string item, string expectedHex, byte[] actual, int offset, int count)
        {
            ExpectText(item, expectedHex, Hex.Of(actual, offset, count));
        }

        /// <summary>Records an item whose check is a plain condition, with what differed when false.</summary>
        public void ExpectTrue(string item, bool condition, string whatDiffered)
        {
            if (item == CorruptedItem) condition = !condition;
            if (condition) Pass(item);
            else Fail(item, whatDiffered);
        }

        /// <summary>Records an item that threw instead of answering.</summary>
        public void Crashed(string item, Exception e)
        {
            Fail(item, "exception " + e.GetType().Name + ": " + e.Message);
        }

        /// <summary>Prints the last line, SELFTEST PASS or SELFTEST FAIL.</summary>
        public void Finish()
        {
            Emit(AllPassed ? "SELFTEST PASS" : "SELFTEST FAIL");
        }

        private void Pass(string item)
        {
            _passed++;
            Emit(item + " PASS");
        }

        private void Fail(string item, string detail)
        {
            _failed++;
            if (_firstFailedItem == null) _firstFailedItem = item;
            Emit(item + " FAIL " + detail);
        }

        private void Emit(string line)
        {
            _lines.Add(line);
            if (PrintToConsole) Console.WriteLine(line);
        }
    }
}
