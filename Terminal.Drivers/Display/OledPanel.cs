using System;
using Terminal.Drivers.Memory;

namespace Terminal.Drivers.Display
{
    /// <summary>
    /// SSD1306 / SH1106 driver (u8g2's "controller layer"): the init sequence, contrast, on/off, invert, and a
    /// flush that sends only the pages that differ from what the panel holds. It writes in page addressing
    /// (B0+p, column low, column high, then 128 data bytes), which both controllers understand, so one writer
    /// drives the 0.96" SSD1306 and the 1.3" SH1106 (whose glass starts at RAM column 2).
    /// On a failed write the frame is kept, the failure is counted and the next flush re-initialises the panel
    /// and resends every page, because after a bus error nobody knows what the panel shows.
    /// All command and data bytes go out of arrays allocated here, each of the exact transaction length.
    /// </summary>
    public sealed class OledPanel
    {
        /// <summary>Control byte: the rest of the transaction is commands.</summary>
        public const byte ControlCommands = 0x00;

        /// <summary>Control byte: the rest of the transaction is display data.</summary>
        public const byte ControlData = 0x40;

        public const byte CommandDisplayOff = 0xAE;
        public const byte CommandDisplayOn = 0xAF;
        public const byte CommandNormal = 0xA6;
        public const byte CommandInverse = 0xA7;
        public const byte CommandContrast = 0x81;
        public const byte CommandPageStart = 0xB0;
        public const byte CommandColumnLow = 0x00;
        public const byte CommandColumnHigh = 0x10;

        /// <summary>Contrast the init sequence sets (Adafruit's and u8g2's value for internal charge pump).</summary>
        public const byte DefaultContrast = 0xCF;

        /// <summary>SH1106: the 128 visible columns are RAM columns 2..129 of 132.</summary>
        public const int Sh1106ColumnOffset = 2;

        // The 128x64 sequence of Adafruit_SSD1306, u8g2 and nanoFramework's Ssd13xx, except 20 02: page
        // addressing instead of horizontal, because the flush addresses each page itself.
        private const string Ssd1306InitCommands =
            "AE D5 80 A8 3F D3 00 40 8D 14 20 02 A1 C8 DA 12 81 CF D9 F1 DB 40 2E A4 A6 AF"; // 81 CF: DefaultContrast

        // SH1106 has no charge pump command (8D), no addressing modes (20) and no scrolling (2E); its DC-DC
        // converter is AD 8B, its pre-charge period D9 22 (u8g2's sh1106 values).
        private const string Sh1106InitCommands =
            "AE D5 80 A8 3F D3 00 40 AD 8B A1 C8 DA 12 81 CF D9 22 DB 40 A4 A6 AF";

        private readonly IPanelBus _bus;
        private readonly int _controller;
        private readonly byte[] _init;
        // What each page of the panel shows, as a 64-bit FNV-1a of the bytes last sent to it - not a 1 KB copy of
        // the frame: 64 bytes on the heap instead of 1,024 (docs/memory.md). Two different pages share a hash with
        // a chance of 2^-64; and every flush hashes only the pages the frame says were drawn on.
        private readonly ulong[] _sentPageHashes = new ulong[FrameBuffer.PageCount];
        private readonly byte[] _pageCommand = new byte[4];
        private readonly byte[] _pageData = new byte[1 + FrameBuffer.BytesPerPage];
        private readonly byte[] _oneCommand = new byte[2];
        private readonly byte[] _commandWithArgument = new byte[3];
        private bool _needsInit = true;
        private bool _resendAll = true; // the panel's RAM is unknown: compare nothing, send all
        private bool _on = true;
        private bool _inverted;
        private byte _contrast = DefaultContrast;
        private int _failedWrites;
        private int _initCount;
        private int _pagesSentLastFlush;

        public OledPanel(IPanelBus bus, int controller)
        {
            if (bus == null) throw new ArgumentNullException("bus");
            if (controller != PanelController.Ssd1306 && controller != PanelController.Sh1106)
                throw new ArgumentOutOfRangeException("controller", "not a PanelController code");
            _bus = bus;
            _controller = controller;
            byte[] initCommands = ConstantTable.HexBytes(controller == PanelController.Sh1106 ? Sh1106InitCommands : Ssd1306InitCommands);
            _init = new byte[1 + initCommands.Length];
            _init[0] = ControlCommands;
            Array.Copy(initCommands, 0, _init, 1, initCommands.Length);
            _pageCommand[0] = ControlCommands;
            _pageData[0] = ControlData;
            _oneCommand[0] = ControlCommands;
            _commandWithArgument[0] = ControlCommands;
        }

        public int Controller { get { return _controller; } }

        /// <summary>Writes that failed (NACK, bus error) since start.</summary>
        public int FailedWrites { get { return _failedWrites; } }

        /// <summary>How many times the init sequence went out.</summary>
        public int InitCount { get { return _initCount; } }

        /// <summary>True until an init succeeded, and again after any failed write.</summary>
        public bool NeedsInit { get { return _needsInit; } }

        public int PagesSentLastFlush { get { return _pagesSentLastFlush; } }

        /// <summary>The init bytes for this controller, control byte first (for tests and documentation).</summary>
        public int CopyInitSequence(byte[] target, int offset)
        {
            Array.Copy(_init, 0, target, offset, _init.Length);
            return _init.Length;
        }

        /// <summary>
        /// Sends the init sequence, then the contrast, inversion and power state last asked for, and forgets what
        /// the panel shows (its RAM is undefined after power-up), so the next flush sends every page.
        /// </summary>
        public bool Initialize()
        {
            _needsInit = true;
            _resendAll = true;
            _initCount++;
            if (!Send(_init, _init.Length)) return false;
            if (_contrast != DefaultContrast && !SendCommand(CommandContrast, _contrast)) return false;
            if (_inverted && !SendCommand(CommandInverse)) return false;
            if (!_on && !SendCommand(CommandDisplayOff)) return false;
            _needsInit = false;
            return true;
        }

        /// <summary>
        /// Contrast 0-255 (81 cc). Like the other settings it is remembered: while the panel needs an init it is
        /// only kept (and true returned), and every re-init sends it again. False when the write failed.
        /// </summary>
        public bool SetContrast(byte contrast)
        {
            _contrast = contrast;
            return _needsInit || SendCommand(CommandContrast, contrast);
        }

        /// <summary>Display on (AF) or sleep (AE); RAM is kept while off.</summary>
        public bool SetDisplayOn(bool on)
        {
            _on = on;
            return _needsInit || SendCommand(on ? CommandDisplayOn : CommandDisplayOff);
        }

        /// <summary>Whole-panel inversion (A7) in the controller: no pixel data is resent.</summary>
        public bool SetInverted(bool inverted)
        {
            _inverted = inverted;
            return _needsInit || SendCommand(inverted ? CommandInverse : CommandNormal);
        }

        /// <summary>
        /// Sends every page of the frame that differs from the panel's contents: per page one command write
        /// (B0+p, column low, column high) and one data write (0x40 + 128 bytes). After a failure (now or
        /// earlier) it re-initialises first and sends all pages. Returns false when a write failed; the frame
        /// is kept and the next flush tries again.
        /// </summary>
        public bool Flush(FrameBuffer frame)
        {
            _pagesSentLastFlush = 0;
            int pages = frame.TakeTouchedPages();
            if (_needsInit)
            {
                if (!Initialize())
                {
                    frame.TouchAll();
                    return false;
                }
            }
            if (_resendAll) pages = FrameBuffer.AllPages;
            byte[] bytes = frame.Bytes;
            for (int page = 0; page < FrameBuffer.PageCount; page++)
            {
                if ((pages & (1 << page)) == 0) continue;
                int start = page * FrameBuffer.BytesPerPage;
                ulong hash = PageHash(bytes, start);
                if (!_resendAll && hash == _sentPageHashes[page]) continue;
                if (!SendPage(bytes, page, start))
                {
                    // Keep the frame; the panel's state is unknown now: re-init and resend everything next time.
                    _needsInit = true;
                    frame.TouchAll();
                    return false;
                }
                _sentPageHashes[page] = hash;
                _pagesSentLastFlush++;
            }
            _resendAll = false;
            return true;
        }

        /// <summary>
        /// FNV-1a with a 64-bit state (offset basis 0xCBF29CE484222325, prime 0x100000001B3) over one page taken four
        /// bytes at a time (a page is 128 bytes): a quarter of the multiplications of a byte-wise FNV, which the
        /// interpreter pays for on every flush.
        /// </summary>
        private static ulong PageHash(byte[] bytes, int start)
        {
            ulong hash = 0xCBF29CE484222325;
            for (int i = start; i < start + FrameBuffer.BytesPerPage; i += 4)
            {
                hash ^= (uint)(bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
                hash *= 0x100000001B3;
            }
            return hash;
        }

        private bool SendPage(byte[] bytes, int page, int start)
        {
            int column = _controller == PanelController.Sh1106 ? Sh1106ColumnOffset : 0;
            _pageCommand[1] = (byte)(CommandPageStart + page);
            _pageCommand[2] = (byte)(CommandColumnLow | (column & 0x0F));
            _pageCommand[3] = (byte)(CommandColumnHigh | (column >> 4));
            if (!Send(_pageCommand, _pageCommand.Length)) return false;
            Array.Copy(bytes, start, _pageData, 1, FrameBuffer.BytesPerPage);
            return Send(_pageData, _pageData.Length);
        }

        private bool SendCommand(byte command)
        {
            _oneCommand[1] = command;
            return Send(_oneCommand, _oneCommand.Length);
        }

        private bool SendCommand(byte command, byte argument)
        {
            _commandWithArgument[1] = command;
            _commandWithArgument[2] = argument;
            return Send(_commandWithArgument, _commandWithArgument.Length);
        }

        private bool Send(byte[] buffer, int count)
        {
            if (_bus.Write(buffer, 0, count)) return true;
            _failedWrites++;
            _needsInit = true;
            return false;
        }
    }
}
