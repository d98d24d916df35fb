using System;
using System.Device.Gpio;
using Terminal.Drivers.Keypad;

namespace Terminal.Drivers.Adapters
{
    /// <summary>
    /// Keypad lines on GPIO pins through <see cref="GpioController"/>, in the API subset that compiles on both
    /// nanoFramework and .NET IoT 4.2.0 (OpenPin, SetPinMode, Read, Write, PinMode, PinValue). Rows are
    /// inputs with pull-ups; the scanned column is an output driven low; every other column is an input
    /// (high impedance), so two keys pressed in one row never join two driven outputs.
    /// </summary>
    public sealed class GpioKeypadLines : IKeypadLines
    {
        private readonly GpioController _controller;
        private readonly int[] _rowPins;
        private readonly int[] _columnPins;
        private int _drivenColumn = -1;

        /// <param name="rowPins">GPIO numbers of rows R1.. in order (ESP32: avoid 34-39 unless pulled up externally).</param>
        /// <param name="columnPins">GPIO numbers of columns C1.. in order.</param>
        public GpioKeypadLines(GpioController controller, int[] rowPins, int[] columnPins)
        {
            if (controller == null) throw new ArgumentNullException("controller");
            if (rowPins == null || rowPins.Length < 1 || rowPins.Length > KeypadKeymap.MaxRows)
                throw new ArgumentException("rowPins must name 1 to 30 pins", "rowPins");
            if (columnPins == null || columnPins.Length < 1) throw new ArgumentException("columnPins must name at least one pin", "columnPins");
            _controller = controller;
            _rowPins = rowPins;
            _columnPins = columnPins;
            for (int i = 0; i < rowPins.Length; i++) _controller.OpenPin(rowPins[i], PinMode.InputPullUp);
            for (int i = 0; i < columnPins.Length; i++)
            {
                // Set each column's output latch low once, then leave the pin an input: driving a column is
                // then a mode change only (.NET IoT's controller records every Write in a dictionary, an
                // allocation per call; the pin's latch keeps its level while the pin is an input).
                _controller.OpenPin(columnPins[i], PinMode.Output);
                _controller.Write(columnPins[i], PinValue.Low);
                _controller.SetPinMode(columnPins[i], PinMode.Input);
            }
        }

        public void DriveColumn(int column)
        {
            if (_drivenColumn == column) return;
            ReleaseColumns();
            int pin = _columnPins[column];
            _controller.SetPinMode(pin, PinMode.Output);
            // A driver that does not keep the latch while the pin was an input gets the level written again.
            if (!(_controller.Read(pin) == PinValue.Low)) _controller.Write(pin, PinValue.Low);
            _drivenColumn = column;
        }

        public void ReleaseColumns()
        {
            if (_drivenColumn < 0) return;
            _controller.SetPinMode(_columnPins[_drivenColumn], PinMode.Input);
            _drivenColumn = -1;
        }

        public int ReadRows()
        {
            int rows = 0;
            for (int row = 0; row < _rowPins.Length; row++)
            {
                if (_controller.Read(_rowPins[row]) == PinValue.Low) rows |= 1 << row;
            }
            return rows;
        }

        /// <summary>
        /// Spins on the clock: Thread.Sleep cannot wait less than a millisecond. A settle time of 0 (virtual
        /// lines, which settle at once) returns at once.
        /// </summary>
        public void WaitSettle(int settleUs)
        {
            if (settleUs <= 0) return;
            long untilTicks = DateTime.UtcNow.Ticks + settleUs * 10L;
            while (DateTime.UtcNow.Ticks < untilTicks)
            {
            }
        }
    }
}
