using System;
using Terminal.App;
using Terminal.Config;
using Terminal.Diagnostics;
using Terminal.Drivers.Display;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Sound;
using Terminal.Drivers.Storage;
using Terminal.Drivers.Timing;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Scenario
{
    /// <summary>
    /// The terminal itself on nanoFramework's interpreter (run by the bench's run-firmware.sh; docs/device-verification.md):
    /// <see cref="PaymentTerminal"/> - the composition the ESP32 runs - with in-memory keypad lines, a recording
    /// panel bus, the open-order slot as the device's <see cref="FileSlot"/> on an in-memory file store, and the
    /// <see cref="ScriptedGateway"/>. A sale of 125,00 kr from the keys to the QR code (whose
    /// modules are checked on the frame buffer), PAID and back to the amount screen; more sales for a CPU figure;
    /// then a power cut with a sale open and a restart that settles it; then the manager's refund, a power cut while
    /// its answer is unknown, and the restart that settles it under the same refund id. Prints figures and, last, RUN OK.
    /// Times come from DateTime.UtcNow: CPU time of the interpreter when run with the bench's CPU-time shim.
    /// </summary>
    public static class TerminalScenario
    {
        private const string TerminalId = "BRG-003";
        private const int StepMs = 5;
        private const int MaxSteps = 4000;
        private const int TimedSales = 5;

        private static readonly FakeClock Clock = new FakeClock(1000);
        private static readonly FakeWallClock WallClock = new FakeWallClock(1790000000);
        private static readonly MemoryKeypadLines Lines = new MemoryKeypadLines(4);
        private static readonly KeypadKeymap Keymap = KeypadKeymap.Standard();
        private static readonly MemoryFileStore Flash = new MemoryFileStore();
        private const string SlotPath = "I:\\open-order.txt";
        private const string PinLockoutPath = "I:\\pin-lockout.txt";
        private const string RefundPath = "I:\\refund.txt";
        private static FileSlot OpenOrderSlot;
        private static readonly RecordingPanelBus PanelBus = new RecordingPanelBus(0);
        private static readonly ToneLog Tones = new ToneLog();
        private static TerminalConfig _config;
        private static ScriptedGateway _gateway;
        private static PaymentTerminal _terminal;
        private static int _keysHandled;

        public static void Main()
        {
            try
            {
                Run();
                Console.WriteLine("RUN OK");
            }
            catch (Exception e)
            {
                Console.WriteLine("SCENARIO FAILED: " + e.Message);
                // nanoCLR ends only when every thread has: release a held wait and stop the worker.
                if (_gateway != null) _gateway.PowerCut();
                if (_terminal != null) _terminal.Runner.Stop();
            }
        }

        private static void Run()
        {
            ConfigError error;
            _config = TerminalConfig.Parse(
                "wifi.ssid=Butikk-Kasse\nwifi.password=bytt-meg-ut-2026\ngateway.url=https://gateway.example.no\n"
                + "terminal.id=" + TerminalId + "\nterminal.key=hex:4f1c2b7a9e03d58866a1f0c4b29d7e13c5a8f6021b9e4d7730ac5e18f2b6d940\n"
                + "technician.pin=582914\nlanguage=nb\ncurrency=NOK\npanel.controller=sh1106\npanel.address=0x3C\n", out error);
            Check(_config != null, "provisioning text parses");
            _gateway = new ScriptedGateway(TerminalId, _config.TerminalKeyBytes, WallClock);

            long t0 = Now();
            Boot(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            RunUntil(ScreenId.Amount, "the amount screen after boot");
            long bootMs = Now() - t0;
            Console.WriteLine("FIGURE boot to amount screen: " + bootMs.ToString() + " ms");

            t0 = Now();
            string first = Sale("12500", 12500, true);
            long firstSaleMs = Now() - t0;
            Console.WriteLine("FIGURE first sale (keys 12500 OK, QR, PAID, OK, amount screen): " + firstSaleMs.ToString() + " ms");
            Check(_gateway.StatusOf(first) == "PAID", "the ledger holds the first order as PAID");

            t0 = Now();
            for (int i = 0; i < TimedSales; i++) Sale("4990", 4990, false);
            long perSale = (Now() - t0) / TimedSales;
            Console.WriteLine("FIGURE per sale, mean of " + TimedSales.ToString() + " more (keys 4990 OK .. amount screen): " + perSale.ToString() + " ms");

            // A sale left open by a power cut: the order id is in the non-volatile slot, the order PENDING at the gateway.
            PressKeys("777");
            PressKey('D');
            RunUntil(ScreenId.Qr, "the QR screen of the sale the power cut interrupts");
            string open = _terminal.App.OrderId;
            SaleJournal journal = new SaleJournal(OpenOrderSlot);
            Check(journal.Read() == SaleJournal.Valid && journal.OrderId == open && journal.AmountMinor == 777,
                "the open sale (id and amount) is journalled in the non-volatile slot");
            Check(_gateway.StatusOf(open) == "PENDING", "the interrupted order is PENDING at the gateway");
            _gateway.PowerCut();
            _terminal.Runner.Stop();
            _terminal = null;
            _gateway.PowerRestored();
            Console.WriteLine("STEP power cut with sale " + open + " open; restarting");

            t0 = Now();
            Boot(new byte[] { 9, 10, 11, 12, 13, 14, 15, 16 });
            RunUntil(ScreenId.Cancelled, "the interrupted sale shown as cancelled after the restart");
            Console.WriteLine("FIGURE restart to the interrupted sale settled and shown as cancelled: " + (Now() - t0).ToString() + " ms");
            PressKey('D');
            RunUntil(ScreenId.Amount, "the amount screen after the cashier took note");
            Check(_gateway.StatusOf(open) == "CANCELLED", "the order left open is cancelled at the gateway (was " + _gateway.StatusOf(open) + ")");
            Check(OpenOrderSlot.Read() == null, "the non-volatile slot is empty again");
            Check(_gateway.BadSignatures == 0, "every request the firmware signed was valid");
            Check(Flash.Changes > 0 && !Flash.Exists(SlotPath + ".new"), "the slot's file was replaced through its side file");

            t0 = Now();
            RefundAcrossPowerCut();
            Console.WriteLine("FIGURE the manager's refund, a power cut while its answer was unknown, the restart and the same id settled: "
                + (Now() - t0).ToString() + " ms");
            Console.WriteLine("STEP requests answered by the gateway: " + _gateway.Requests.ToString() + ", slot file operations: "
                + Flash.Changes.ToString() + ", panel bytes: "
                + PanelBus.TotalBytes.ToString() + " in " + PanelBus.Transactions.ToString() + " bus transactions");
            _terminal.Runner.Stop();
        }

        /// <summary>
        /// The manager's refund (menu 7): the newest paid sale, 20,00 of it; every answer to the refund is lost, so the
        /// panel says "refund pending" with the refund journalled in its own file slot; the power goes; after the
        /// restart the manager opens Refund again and the same refund id is sent first and settled - one refund.
        /// </summary>
        private static void RefundAcrossPowerCut()
        {
            _terminal.GatewayConfig.RetryBackoffMs = 0; // the client's retries sleep for real otherwise
            PressKeys("*582914");
            PressKey('D');
            PressKey('7');
            RunUntil(ScreenId.RefundList, "the refund list");
            int steps = 0;
            while (_terminal.Model.MenuLines[0] == null || _terminal.Model.MenuLines[0][0] != '1')
            {
                Step();
                Check(++steps < MaxSteps, "the gateway's list of paid sales on the panel");
            }
            Console.WriteLine("STEP refund list: " + _terminal.Model.MenuLines[0]);
            PressKey('1');
            RunUntil(ScreenId.RefundAmount, "the refund amount");
            PressKeys("2000");
            PressKey('D');
            RunUntil(ScreenId.RefundConfirm, "the refund's confirmation");
            _gateway.DropRefundAnswers = _terminal.GatewayConfig.MaxAttempts;
            PressKey('D');
            RunUntil(ScreenId.RefundPending, "refund pending (every answer lost)");
            SaleJournal refunds = SaleJournal.ForRefunds(new FileSlot(Flash, RefundPath));
            Check(refunds.Read() == SaleJournal.Valid && refunds.AmountMinor == 2000, "the pending refund is journalled in its file slot");
            string refundId = refunds.RefundId;
            string orderId = refunds.OrderId;
            Check(_gateway.RefundCount == 1 && _gateway.RefundId(0) == refundId, "the gateway recorded the refund under the journalled id");
            _gateway.PowerCut();
            _terminal.Runner.Stop();
            _gateway.PowerRestored();
            Console.WriteLine("STEP power cut with refund " + refundId + " pending; restarting");

            Boot(new byte[] { 17, 18, 19, 20, 21, 22, 23, 24 });
            RunUntil(ScreenId.Amount, "the amount screen after the restart");
            PressKeys("*582914");
            PressKey('D');
            PressKey('7');
            RunUntil(ScreenId.Refunded, "REFUNDED after the restart (the journalled refund sent again)");
            Check(_gateway.RefundCount == 1 && _gateway.RefundedOf(orderId) == 2000, "one refund of 20,00 in the ledger");
            Check(refunds.Read() == SaleJournal.Empty, "the refund journal is empty once the refund is final");
            Console.WriteLine("STEP REFUNDED on the panel after the restart; the ledger holds one refund, " + refundId);
            PressKey('D');
            RunUntil(ScreenId.TechMenu, "the technician menu");
            PressKey('A');
            RunUntil(ScreenId.Amount, "the amount screen");
        }

        private static void Boot(byte[] bootRandom)
        {
            OpenOrderSlot = new FileSlot(Flash, SlotPath); // what survives a power cut is the store, not this object
            _terminal = new PaymentTerminal(_config, Lines, new KeypadTiming(), PanelBus, Tones, _gateway, Clock, WallClock,
                new Random(7), bootRandom, OpenOrderSlot, new FileSlot(Flash, PinLockoutPath), new FileSlot(Flash, RefundPath), new ConsoleLog());
            _terminal.Runner.KeyHandled += OnKeyHandled;
            _terminal.Boot();
            _terminal.App.SetNetwork(true, "10.0.0.2");
        }

        private static string Sale(string digits, long amountMinor, bool verbose)
        {
            PressKeys(digits);
            PressKey('D');
            RunUntil(ScreenId.Qr, "the QR screen");
            string orderId = _terminal.App.OrderId;
            string code = _gateway.CodeOf(orderId);
            Check(_terminal.App.AmountMinor == amountMinor, "the sale's amount is " + amountMinor.ToString());
            CheckQrOnFrame(code);
            if (verbose) Console.WriteLine("STEP QR screen shows the gateway's code for " + orderId + ": " + code);
            Check(_gateway.Pay(code), "the wallet pays the code");
            int tonesBeforePaid = Tones.Count;
            RunUntil(ScreenId.Paid, "PAID");
            if (verbose) Console.WriteLine("STEP PAID on the panel");
            Clock.Advance(500); // PAID's pattern lasts 460 ms; the buzzer keeps its timeline across a late pass
            Step();
            Check(Tones.EndsWith(BuzzerPattern.Steps(BuzzerPattern.Paid), tonesBeforePaid), "the buzzer played PAID's tones");
            if (verbose) Console.WriteLine("STEP the buzzer played PAID's pattern (" + (Tones.Count - tonesBeforePaid).ToString() + " tones)");
            // The cashier reads PAID before pressing OK (an OK pressed sooner is taken for a bounce and ignored).
            Clock.Advance(_terminal.Settings.PaidAcknowledgeGuardMs);
            PressKey('D');
            RunUntil(ScreenId.Amount, "the amount screen after OK");
            Check(OpenOrderSlot.Read() == null, "the slot is cleared once PAID was acknowledged");
            return orderId;
        }

        /// <summary>Every module of the gateway's code, encoded afresh, against the frame buffer's QR box.</summary>
        private static void CheckQrOnFrame(string code)
        {
            QrCode expected = new QrCode(PaymentTerminal.MaxQrVersion);
            new QrEncoder(PaymentTerminal.MaxQrVersion).EncodeToFit(code, QrScreen.BoxPx, QrScreen.QuietZoneModules, expected);
            Check(expected.IsValid, "the code encodes");
            int scale = QrScreen.ScaleFor(expected.Size);
            int origin = (QrScreen.BoxPx - expected.Size * scale) / 2;
            FrameBuffer frame = _terminal.Frame;
            int wrong = 0;
            for (int y = 0; y < expected.Size; y++)
                for (int x = 0; x < expected.Size; x++)
                    for (int dy = 0; dy < scale; dy++)
                        for (int dx = 0; dx < scale; dx++)
                            if (frame.GetPixel(origin + x * scale + dx, origin + y * scale + dy) == expected.GetModule(x, y)) wrong++;
            Check(wrong == 0, "the QR box shows every module of the gateway's code (dark module = unlit pixel); wrong pixels: " + wrong.ToString());
            for (int i = 0; i < origin; i++) Check(frame.GetPixel(i, i), "the quiet zone is lit");
        }

        private static void PressKeys(string keys)
        {
            for (int i = 0; i < keys.Length; i++) PressKey(keys[i]);
        }

        /// <summary>Closes the key on the matrix until the app took it, then opens it until the scanner saw the release.</summary>
        private static void PressKey(char keycap)
        {
            int index = Keymap.IndexOf(keycap);
            int row = index / Keymap.Columns;
            int column = index % Keymap.Columns;
            int handled = _keysHandled;
            Lines.SetKey(row, column, true);
            int steps = 0;
            while (_keysHandled == handled)
            {
                Step();
                Check(++steps < MaxSteps, "key " + keycap + " taken");
            }
            Lines.SetKey(row, column, false);
            for (int i = 0; i < 10; i++) Step();
        }

        private static void RunUntil(int screen, string what)
        {
            int steps = 0;
            while (_terminal.Model.Screen != screen)
            {
                Step();
                Check(++steps < MaxSteps, what + " (the screen is " + ScreenId.Name(_terminal.Model.Screen) + ")");
            }
            Step(); // the frame of that screen reaches the panel
        }

        /// <summary>One pass of the UI loop at a fake 5 ms; while a request is out, wait (really) for its answer.</summary>
        private static void Step()
        {
            Clock.Advance(StepMs);
            _terminal.Runner.RunUiStep();
            if (_terminal.App.RequestInFlight != RequestKind.None) _terminal.Runner.WaitForWork(200);
        }

        private static void OnKeyHandled(char keycap, int kind)
        {
            if (kind == KeyEventKind.Down) _keysHandled++;
        }

        private static long Now()
        {
            return DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
        }

        private static void Check(bool condition, string what)
        {
            if (!condition) throw new Exception("check failed: " + what);
        }

        /// <summary>The buzzer pin as a list of the tones started (arrays only: no generics on nanoFramework).</summary>
        private sealed class ToneLog : IToneOutput
        {
            private readonly int[] _frequencies = new int[4096];
            public int Count;

            public void StartTone(int frequencyHz)
            {
                if (Count < _frequencies.Length) _frequencies[Count] = frequencyHz;
                Count++;
            }

            public void StopTone()
            {
            }

            /// <summary>True when the tones started after <paramref name="from"/> end with the pattern's pitches, in order.</summary>
            public bool EndsWith(int[] patternSteps, int from)
            {
                int pitches = 0;
                for (int i = 0; i < patternSteps.Length; i += 2) if (patternSteps[i] > 0) pitches++;
                if (Count > _frequencies.Length || Count - from < pitches) return false;
                int at = Count - pitches;
                for (int i = 0; i < patternSteps.Length; i += 2)
                {
                    if (patternSteps[i] == 0) continue;
                    if (_frequencies[at++] != patternSteps[i]) return false;
                }
                return true;
            }
        }

        private sealed class ConsoleLog : IAppLog
        {
            public void Line(string text)
            {
                Console.WriteLine("LOG " + text);
            }
        }
    }
}
