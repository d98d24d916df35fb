using System;
using System.Collections.Generic;
using Terminal.App;

namespace Terminal.Simulator
{
    /// <summary>
    /// The terminal's log lines (what the device prints on its serial port), timestamped, printed to the
    /// console and kept for the page's log view.
    /// </summary>
    public sealed class SimulatorLog : IAppLog
    {
        private const int MaxKeptLines = 2000;
        private readonly List<string> _lines = new();
        private readonly bool _print;
        private int _dropped;

        public SimulatorLog(bool print) => _print = print;

        public void Line(string text)
        {
            string line = DateTime.Now.ToString("HH:mm:ss.fff") + "  " + text;
            lock (_lines)
            {
                _lines.Add(line);
                if (_lines.Count > MaxKeptLines)
                {
                    _lines.RemoveAt(0);
                    _dropped++;
                }
            }
            if (_print) Console.WriteLine(line);
        }

        /// <summary>Lines from number <paramref name="from"/> on (numbers count from the first line ever logged).</summary>
        public (string[] Lines, int Next) Since(int from)
        {
            lock (_lines)
            {
                int start = Math.Max(0, from - _dropped);
                if (start > _lines.Count) start = _lines.Count;
                return (_lines.GetRange(start, _lines.Count - start).ToArray(), _dropped + _lines.Count);
            }
        }
    }
}
