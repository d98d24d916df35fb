using System;
using Terminal.Drivers.Keypad;

namespace Terminal.Drivers.Fakes
{
    /// <summary>
    /// Keypad lines held in memory: a closed key connects its row to its column, nothing else (no
    /// ghosting). The self-test and probe run the real <see cref="MatrixKeypad"/> on it; it allocates
    /// nothing after construction.
    /// </summary>
    public sealed class MemoryKeypadLines : IKeypadLines
    {
        private readonly int[] _closedRows;
        private int _drivenColumn = -1;

        public MemoryKeypadLines(int columns)
        {
            if (columns < 1) throw new ArgumentOutOfRangeException("columns", "columns must be at least 1");
            _closedRows = new int[columns];
        }

        /// <summary>Total settle time the scanner asked for (nothing actually waits).</summary>
        public long SettleWaitedUs;

        public void SetKey(int row, int column, bool closed)
        {
            if (closed) _closedRows[column] |= 1 << row;
            else _closedRows[column] &= ~(1 << row);
        }

        public void DriveColumn(int column)
        {
            _drivenColumn = column;
        }

        public void ReleaseColumns()
        {
            _drivenColumn = -1;
        }

        public int ReadRows()
        {
            return _drivenColumn < 0 ? 0 : _closedRows[_drivenColumn];
        }

        public void WaitSettle(int settleUs)
        {
            SettleWaitedUs += settleUs;
        }
    }
}
