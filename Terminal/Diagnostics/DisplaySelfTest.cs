using Terminal.Drivers.Display;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Known-answer items of the display part: a rendered screen's frame checksum (fonts, layout and frame
    /// buffer together) and the panel driver's exact byte stream for a one-page update on both controllers.
    /// Probe items: rendering a screen, a full-frame and a one-page flush into a bus that discards.
    /// Buffers are made once per run.
    /// </summary>
    public static class DisplaySelfTest
    {
        /// <summary>FNV-1a (32 bit) of the frame of the Norwegian amount screen showing "125,00" NOK.</summary>
        public const uint AmountScreenFnv1a = 0x008ADC5D;

        /// <summary>A one-page update after pixel (3, 9) is lit: B1, column 0, data with 0x02 at column 3.</summary>
        public const string Ssd1306PageUpdateHex = "00b1001040000000020000000000";

        /// <summary>The same on SH1106: the column starts at 2 (low nibble 2, high 0).</summary>
        public const string Sh1106PageUpdateHex = "00b1021040000000020000000000";

        private const int QrProbeVersion = 4;
        private const string ProbeUrl = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

        private const int PageUpdateBytes = 4 + 1 + FrameBuffer.BytesPerPage;
        private const int CheckedBytes = 14;

        public static void Run(SelfTestReport report)
        {
            Items items = new Items();
            report.Check("display.amountScreen", items.AmountScreen);
            report.Check("display.flush.ssd1306", items.FlushSsd1306);
            report.Check("display.flush.sh1106", items.FlushSh1106);
            report.Check("display.flush.onePageBytes", items.OnePageBytes);
        }

        private sealed class Items
        {
            private readonly FrameBuffer _frame = new FrameBuffer();
            private readonly ScreenModel _model = new ScreenModel(0);
            private readonly RecordingPanelBus _bus = new RecordingPanelBus(PageUpdateBytes + 1);

            public void AmountScreen(SelfTestReport report) { report.ExpectNumber(AmountScreenFnv1a, RenderAmountScreen(_model, _frame)); }

            public void FlushSsd1306(SelfTestReport report) { report.ExpectHex(Ssd1306PageUpdateHex, RecordPageUpdate(_bus, _frame, PanelController.Ssd1306), 0, CheckedBytes); }

            public void FlushSh1106(SelfTestReport report) { report.ExpectHex(Sh1106PageUpdateHex, RecordPageUpdate(_bus, _frame, PanelController.Sh1106), 0, CheckedBytes); }

            public void OnePageBytes(SelfTestReport report)
            {
                RecordPageUpdate(_bus, _frame, PanelController.Ssd1306);
                report.ExpectNumber(PageUpdateBytes, _bus.TotalBytes);
            }
        }

        /// <summary>Renders the reference amount screen and returns the FNV-1a of its frame.</summary>
        public static uint RenderAmountScreen(ScreenModel model, FrameBuffer frame)
        {
            model.Screen = ScreenId.Amount;
            model.Language = Language.Norwegian;
            model.SetAmount("125,00");
            model.CurrencyCode = "NOK";
            model.AmountOverflowCue = false;
            ScreenRenderer.Draw(model, frame);
            return Fnv1a(frame.Bytes, 0, FrameBuffer.ByteCount);
        }

        /// <summary>FNV-1a, 32 bit: offset basis 0x811C9DC5, prime 0x01000193.</summary>
        public static uint Fnv1a(byte[] bytes, int offset, int count)
        {
            uint hash = 0x811C9DC5;
            for (int i = offset; i < offset + count; i++)
            {
                hash ^= bytes[i];
                hash *= 0x01000193;
            }
            return hash;
        }

        private static byte[] RecordPageUpdate(RecordingPanelBus bus, FrameBuffer frame, int controller)
        {
            OledPanel panel = new OledPanel(bus, controller);
            frame.Clear();
            panel.Flush(frame); // init and a blank frame
            bus.Reset();
            frame.SetPixel(3, 9, true);
            panel.Flush(frame);
            return bus.Recorded;
        }

        public static void Run(ProbeReport probe, int repetitions)
        {
            Run(probe, repetitions, new QrEncoder(QrProbeVersion), new QrCode(QrProbeVersion), null);
        }

        /// <summary>
        /// The display items on the caller's encoder and symbol. The frame is drawn into frameStorage when one is given
        /// (the terminal's workspace, idle once the QR is encoded), else into a frame of its own.
        /// </summary>
        public static void Run(ProbeReport probe, int repetitions, QrEncoder encoder, QrCode code, byte[] frameStorage)
        {
            // A 46-character Alipay-style URL: version 3 at 2 px per module, as at the counter. Encoded before the
            // probe's frame and model exist: the encode's deep call chain and they are not on the heap at once.
            encoder.EncodeToFit(ProbeUrl, QrScreen.BoxPx, QrScreen.QuietZoneModules, code);
            encoder = null; // its 3 KB are free for the drawing items (the caller made it for this call: docs/memory.md)
            FrameBuffer frame = new FrameBuffer(frameStorage);
            // The drawing items and the flushing items in turn: the screen model and the panel are not on the heap at once.
            TimeRendering(probe, repetitions, code, frame);
            TimeFlushing(probe, repetitions, frame);
        }

        private static void TimeRendering(ProbeReport probe, int repetitions, QrCode code, FrameBuffer frame)
        {
            RenderState state = new RenderState(code, frame);
            probe.Time("display.render.amount", repetitions, state.RenderAmount);
            probe.Time("display.render.qr", repetitions, state.RenderQr);
        }

        private static void TimeFlushing(ProbeReport probe, int repetitions, FrameBuffer frame)
        {
            FlushState state = new FlushState(frame);
            probe.Time("display.flush.full", repetitions, state.FlushFull);
            probe.Time("display.flush.onePage", repetitions, state.FlushOnePage);
        }

        /// <summary>What the drawing items work on, made once (their delegates are method groups on it).</summary>
        private sealed class RenderState
        {
            private readonly FrameBuffer _frame;
            // One model for both screens (each item sets its screen): the probe runs beside the terminal's own
            // model and frame, and every object here adds to the heap's peak (docs/memory.md).
            private readonly ScreenModel _model = new ScreenModel(0);

            public RenderState(QrCode code, FrameBuffer frame)
            {
                _frame = frame;
                _model.SetAmount("125,00");
                _model.SecondsLeft = 299;
                _model.Qr = code;
            }

            public void RenderAmount()
            {
                RenderAmountScreen(_model, _frame);
            }

            /// <summary>Draws the QR screen (the code is encoded once; encoding is the QR part's probe item).</summary>
            public void RenderQr()
            {
                _model.Screen = ScreenId.Qr;
                ScreenRenderer.Draw(_model, _frame);
            }
        }

        /// <summary>What the flushing items work on: the drawn frame and a panel on a recording bus.</summary>
        private sealed class FlushState
        {
            private readonly FrameBuffer _frame;
            private readonly OledPanel _panel = new OledPanel(new RecordingPanelBus(0), PanelController.Ssd1306);

            public FlushState(FrameBuffer frame)
            {
                _frame = frame;
            }

            /// <summary>Inverts the whole frame so all 8 pages differ, then flushes them.</summary>
            public void FlushFull()
            {
                _frame.InvertRect(0, 0, FrameBuffer.WidthPx, FrameBuffer.HeightPx);
                _panel.Flush(_frame);
            }

            /// <summary>Toggles one pixel so exactly one page differs, then flushes it.</summary>
            public void FlushOnePage()
            {
                _frame.SetPixel(5, 29, !_frame.GetPixel(5, 29));
                _panel.Flush(_frame);
            }
        }
    }
}
