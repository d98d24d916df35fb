using System;
using System.IO;
using Terminal.Drivers.Display;

namespace Terminal.Simulator.VirtualHardware
{
    /// <summary>
    /// A virtual SSD1306 or SH1106 that interprets the I2C byte stream as the datasheets describe: control
    /// bytes (0x00 command stream, 0x40 data stream, 0x80 / 0xC0 one command / one data byte then another
    /// control byte), addressing modes (20h: horizontal, vertical, page; 21h/22h windows; B0-B7 and 00-1F in
    /// page mode), AE/AF, A6/A7, A4/A5, 81 contrast, 40-7F start line, A0/A1 segment remap, C0/C8 COM direction,
    /// D3 display offset; the parameters of every other multi-byte command are skipped by their length.
    /// It keeps the GDDRAM (128 columns on SSD1306, 132 on SH1106 with the glass at columns 2..129) and answers
    /// what the glass shows. Bus bytes count every byte of every transaction, plus one for the address byte
    /// (the 7-bit address and R/W bit that open each transaction), because all of them cost 9 clocks.
    /// </summary>
    public sealed class VirtualOledController
    {
        public const int WidthPx = 128;
        public const int HeightPx = 64;
        public const int Pages = 8;

        public const int AddressingHorizontal = 0;
        public const int AddressingVertical = 1;
        public const int AddressingPage = 2;

        private readonly object _gate = new object();
        private readonly int _controller;
        private readonly int _ramColumns;
        private readonly byte[] _ram;

        // Parser state that survives between control bytes and transactions (a command's parameters may come
        // in later single-command control bytes).
        private int _pendingCommand = -1;
        private int _pendingParametersLeft;
        private readonly byte[] _parameters = new byte[8];
        private int _parameterCount;

        private int _mode = AddressingPage; // reset value on both controllers
        private int _column;
        private int _page;
        private int _columnStart;
        private int _columnEnd = WidthPx - 1;
        private int _pageStart;
        private int _pageEnd = Pages - 1;

        private int _failNextWrites;
        private int _succeedBeforeFailing;

        public VirtualOledController(int controller)
        {
            if (controller != PanelController.Ssd1306 && controller != PanelController.Sh1106)
                throw new ArgumentOutOfRangeException(nameof(controller));
            _controller = controller;
            _ramColumns = controller == PanelController.Sh1106 ? 132 : 128;
            _ram = new byte[_ramColumns * Pages];
        }

        public int Controller => _controller;
        public bool DisplayOn { get; private set; }
        public bool Inverted { get; private set; }
        public bool EntireDisplayOn { get; private set; }
        public int Contrast { get; private set; } = 0x7F; // reset value in both datasheets
        public int StartLine { get; private set; }
        public int DisplayOffset { get; private set; }
        public bool SegmentRemap { get; private set; }
        public bool ComScanReversed { get; private set; }
        public bool ChargePumpOn { get; private set; }
        public int AddressingMode => _mode;

        /// <summary>Bytes on the bus since start (or since <see cref="ResetCounters"/>), address bytes included.</summary>
        public long BusBytes { get; private set; }
        public long Transactions { get; private set; }
        public long DataBytes { get; private set; }
        public long CommandBytes { get; private set; }
        public long FailedTransactions { get; private set; }

        /// <summary>Every command byte (opcodes and parameters) in order, for init-sequence checks.</summary>
        public MemoryStream CommandLog { get; } = new MemoryStream();

        /// <summary>When true, every transaction is refused at the address byte (module unplugged).</summary>
        public bool NackAll { get; set; }

        /// <summary>
        /// After <paramref name="afterTransactions"/> more good transactions, the next <paramref name="count"/>
        /// are refused (NACK) and change nothing: a bus failure in the middle of a flush.
        /// </summary>
        public void FailNextWrites(int count, int afterTransactions = 0)
        {
            lock (_gate)
            {
                _failNextWrites = count;
                _succeedBeforeFailing = afterTransactions;
            }
        }

        public void ResetCounters()
        {
            lock (_gate)
            {
                BusBytes = 0;
                Transactions = 0;
                DataBytes = 0;
                CommandBytes = 0;
                CommandLog.SetLength(0);
            }
        }

        /// <summary>
        /// One write transaction. Returns false (and changes nothing but the counters) on NACK; the fake
        /// I2C device turns that into an IOException, as .NET IoT's drivers do.
        /// </summary>
        public bool Write(ReadOnlySpan<byte> bytes)
        {
            lock (_gate)
            {
                Transactions++;
                BusBytes += 1; // the address byte is clocked even when nobody acknowledges it
                bool scheduledFailure = _failNextWrites > 0 && _succeedBeforeFailing == 0;
                if (_failNextWrites > 0 && _succeedBeforeFailing > 0) _succeedBeforeFailing--;
                if (NackAll || scheduledFailure)
                {
                    if (scheduledFailure) _failNextWrites--;
                    FailedTransactions++;
                    return false;
                }
                BusBytes += bytes.Length;
                Interpret(bytes);
                return true;
            }
        }

        /// <summary>A RAM byte by RAM column (0..131 on SH1106) and page.</summary>
        public byte RamByte(int ramColumn, int page)
        {
            lock (_gate) return _ram[page * _ramColumns + ramColumn];
        }

        /// <summary>The RAM under the visible 128 columns, in FrameBuffer layout (for byte-exact comparisons).</summary>
        public byte[] VisibleRam()
        {
            lock (_gate)
            {
                byte[] copy = new byte[WidthPx * Pages];
                int offset = _controller == PanelController.Sh1106 ? 2 : 0;
                for (int page = 0; page < Pages; page++)
                    Array.Copy(_ram, page * _ramColumns + offset, copy, page * WidthPx, WidthPx);
                return copy;
            }
        }

        /// <summary>
        /// What a viewer sees at glass pixel (x, y), (0, 0) top left of a module mounted as the init sequence of
        /// Adafruit/u8g2 expects (A1 segment remap, C8 COM scan), which then shows RAM upright. Off shows dark.
        /// </summary>
        public bool GlassPixel(int x, int y)
        {
            lock (_gate)
            {
                if (!DisplayOn) return false;
                if (EntireDisplayOn) return !Inverted;
                // Segment side: with A1 the glass's left edge shows the lowest visible RAM column; with A0 the
                // picture is mirrored. SH1106's 128 visible columns are RAM 2..129, symmetric in its 132.
                int ramColumn = _controller == PanelController.Sh1106
                    ? (SegmentRemap ? 2 + x : 129 - x)
                    : (SegmentRemap ? x : WidthPx - 1 - x);
                // COM side: C8 scans COM63..COM0, which as mounted puts row 0 at the top.
                int com = ComScanReversed ? y : HeightPx - 1 - y;
                int row = (com + StartLine + DisplayOffset) & (HeightPx - 1);
                bool on = (_ram[(row >> 3) * _ramColumns + ramColumn] & (1 << (row & 7))) != 0;
                return on != Inverted;
            }
        }

        /// <summary>The glass as a PNG, each pixel a scale x scale block; lit pixels in the panel's colour.</summary>
        public byte[] ExportPng(int scale)
        {
            bool[] lit = new bool[WidthPx * HeightPx];
            for (int y = 0; y < HeightPx; y++)
                for (int x = 0; x < WidthPx; x++)
                    lit[y * WidthPx + x] = GlassPixel(x, y);
            return PngWriter.Monochrome(lit, WidthPx, HeightPx, scale);
        }

        private void Interpret(ReadOnlySpan<byte> bytes)
        {
            int i = 0;
            while (i < bytes.Length)
            {
                byte control = bytes[i++];
                bool continuation = (control & 0x80) != 0; // Co: one byte follows, then another control byte
                bool data = (control & 0x40) != 0; // D/C#
                int end = continuation ? Min(i + 1, bytes.Length) : bytes.Length;
                for (; i < end; i++)
                {
                    if (data) WriteData(bytes[i]);
                    else Command(bytes[i]);
                }
            }
        }

        private static int Min(int a, int b) => a < b ? a : b;

        private void WriteData(byte value)
        {
            DataBytes++;
            _ram[_page * _ramColumns + _column] = value;
            if (_mode == AddressingPage || _controller == PanelController.Sh1106)
            {
                // Page mode: the column advances and wraps on the same page (SH1106 has only this mode).
                _column = _column + 1 >= _ramColumns ? 0 : _column + 1;
            }
            else if (_mode == AddressingHorizontal)
            {
                if (_column >= _columnEnd)
                {
                    _column = _columnStart;
                    _page = _page >= _pageEnd ? _pageStart : _page + 1;
                }
                else _column++;
            }
            else
            {
                if (_page >= _pageEnd)
                {
                    _page = _pageStart;
                    _column = _column >= _columnEnd ? _columnStart : _column + 1;
                }
                else _page++;
            }
        }

        private void Command(byte value)
        {
            CommandBytes++;
            CommandLog.WriteByte(value);
            if (_pendingParametersLeft > 0)
            {
                _parameters[_parameterCount++] = value;
                if (--_pendingParametersLeft == 0) Execute(_pendingCommand);
                return;
            }
            int parameters = ParameterCount(value);
            if (parameters > 0)
            {
                _pendingCommand = value;
                _pendingParametersLeft = parameters;
                _parameterCount = 0;
                return;
            }
            Execute(value);
        }

        /// <summary>How many parameter bytes follow an opcode, per the controller's command table.</summary>
        private int ParameterCount(byte op)
        {
            switch (op)
            {
                case 0x81: case 0xA8: case 0xD3: case 0xD5: case 0xD9: case 0xDA: case 0xDB: return 1;
            }
            if (_controller == PanelController.Sh1106)
            {
                return op == 0xAD ? 1 : 0; // DC-DC control; 30-33 pump voltage take none
            }
            switch (op)
            {
                case 0x20: case 0x8D: return 1;
                case 0x21: case 0x22: case 0xA3: return 2;
                case 0x29: case 0x2A: return 5; // vertical-and-horizontal scroll setup
                case 0x26: case 0x27: return 6; // horizontal scroll setup
                case 0x2C: case 0x2D: return 6; // content scroll (SSD1306B)
                default: return 0;
            }
        }

        private void Execute(int op)
        {
            byte p0 = _parameters[0];
            if (op == 0xAE) DisplayOn = false;
            else if (op == 0xAF) DisplayOn = true;
            else if (op == 0xA6) Inverted = false;
            else if (op == 0xA7) Inverted = true;
            else if (op == 0xA4) EntireDisplayOn = false;
            else if (op == 0xA5) EntireDisplayOn = true;
            else if (op == 0xA0) SegmentRemap = false;
            else if (op == 0xA1) SegmentRemap = true;
            else if (op == 0xC0) ComScanReversed = false;
            else if (op == 0xC8) ComScanReversed = true;
            else if (op == 0x81) Contrast = p0;
            else if (op == 0xD3) DisplayOffset = p0 & 0x3F;
            else if (op >= 0x40 && op <= 0x7F) StartLine = op - 0x40;
            else if (op >= 0xB0 && op <= 0xB7) _page = op - 0xB0;
            else if (op <= 0x0F) _column = (_column & 0xF0) | op;
            else if (op >= 0x10 && op <= 0x1F) _column = Min(((op & 0x0F) << 4) | (_column & 0x0F), _ramColumns - 1);
            else if (_controller == PanelController.Ssd1306) ExecuteSsd1306(op, p0);
        }

        private void ExecuteSsd1306(int op, byte p0)
        {
            if (op == 0x8D) ChargePumpOn = (p0 & 0x04) != 0;
            else if (op == 0x20) _mode = p0 & 0x03; // 3 is invalid; treated as page mode below
            else if (op == 0x21)
            {
                _columnStart = _parameters[0] & 0x7F;
                _columnEnd = _parameters[1] & 0x7F;
                _column = _columnStart;
            }
            else if (op == 0x22)
            {
                _pageStart = _parameters[0] & 0x07;
                _pageEnd = _parameters[1] & 0x07;
                _page = _pageStart;
            }
            if (_mode == 3) _mode = AddressingPage;
        }
    }
}
