using System;
using Terminal.App;
using Terminal.Config;
using Terminal.Diagnostics;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Sound;

namespace Terminal.Bench
{
    /// <summary>
    /// The heap scenario of issue 18, run inside nanoCLR by measure-heap.sh, or once from the repository root with
    /// `bash ../shared/bench/run-firmware.sh tools/nanoclr/heap/HeapScenario.cs tools/nanoclr/heap/BenchGateway.cs`:
    /// the real PaymentTerminal on in-memory ports boots (power-on self-test included), makes one sale
    /// (12500 OK, QR shown, PAID, OK) and runs the technician menu's timing probe. It prints a line
    /// "PHASE name" after each step and RUN OK last; with a heap too small nanoCLR stops (silently) in the
    /// step that did not fit, so the last PHASE line says how far that heap reached.
    /// </summary>
    public static class HeapScenario
    {
        private const string TechnicianPin = "48213";
        private const long StartUnixSeconds = 1790000000;
        private const int StepMs = 5;
        private const int MaxSteps = 1000;

        private static FakeClock s_clock;
        private static MemoryKeypadLines s_lines;
        private static PaymentTerminal s_terminal;

        public static void Main()
        {
            long bootStartTicks = DateTime.UtcNow.Ticks;
            Phase("start");
            ConfigError error;
            TerminalConfig config = TerminalConfig.Parse(
                "wifi.ssid=Butikk\n" +
                "wifi.password=hemmelig-passord\n" +
                "gateway.url=https://pay.example.no/terminal\n" +
                "terminal.id=BRG-003\n" +
                "terminal.key=hex:00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef\n" +
                "technician.pin=" + TechnicianPin + "\n" +
                "language=no\n" +
                "currency=NOK\n" +
                "panel.controller=ssd1306\n", out error);
            if (config == null) { Console.WriteLine("config refused: " + error.ToString()); return; }
            Phase("config");

            s_clock = new FakeClock(1000);
            s_lines = new MemoryKeypadLines(4);
            BenchGateway gateway = new BenchGateway(config.TerminalIdText, config.TerminalKeyBytes, StartUnixSeconds);
            byte[] bootRandom = new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
            s_terminal = new PaymentTerminal(config, s_lines, new KeypadTiming(), new RecordingPanelBus(16), new NoToneOutput(), gateway,
                s_clock, new FakeWallClock(StartUnixSeconds), new Random(1), bootRandom, new MemorySlot(), new MemorySlot(), new MemorySlot(), new SilentLog());
            Phase("composed");

            s_terminal.Boot();
            if (s_terminal.App.State == AppState.SelfTestFailed) { Console.WriteLine("self-test failed"); return; }
            Phase("selftest");
            s_terminal.App.SetNetwork(true, "10.0.0.2");
            if (!StepUntil(AppState.Idle)) return;
            long bootEndTicks = DateTime.UtcNow.Ticks;
            Phase("amount-screen");
            // Under the CPU-time shim UtcNow is the interpreter thread's CPU time (+ a fixed offset): the value at the
            // amount screen counts from the process start, so loading and the static constructors are included.
            Console.WriteLine("BOOT_CLOCK_TICKS " + bootEndTicks.ToString() + " MAIN_TICKS " + (bootEndTicks - bootStartTicks).ToString());

            Type("12500");
            Phase("amount-keyed");
            Type("D");
            if (!StepUntil(AppState.ShowingCode)) return;
            if (!s_terminal.Qr.IsValid) { Console.WriteLine("no QR symbol"); return; }
            Console.WriteLine("QR v" + s_terminal.Qr.Version.ToString() + " x" + s_terminal.Qr.Scale.ToString());
            Phase("qr-shown");
            gateway.Pay();
            if (!StepUntil(AppState.Paid)) return;
            Phase("paid");
            Idle(s_terminal.Settings.PaidAcknowledgeGuardMs + 100);
            Type("D");
            if (!StepUntil(AppState.Idle)) return;
            Phase("ok");

            Type("*" + TechnicianPin + "D");
            if (s_terminal.App.State != AppState.TechMenu) { Console.WriteLine("technician menu not open, state " + s_terminal.App.State.ToString()); return; }
            Phase("tech-menu");
            Type("6"); // the probe runs on the network worker; the page shows its results when it is done
            if (!StepUntil(AppState.TechSelfTest)) return;
            if (s_terminal.Model.MenuLineCount < 2) { Console.WriteLine("probe showed no results"); return; }
            Phase("probe");
            Type("AA");
            if (!StepUntil(AppState.Idle)) return;
            Phase("back-to-amount");
            s_terminal.Runner.Stop();
            Console.WriteLine("gateway exchanges " + gateway.Exchanges.ToString() + ", frames " + s_terminal.Runner.Flushes.ToString());
            Console.WriteLine("RUN OK");
        }

        private static void Phase(string name)
        {
            Console.WriteLine("PHASE " + name);
        }

        /// <summary>Runs the UI loop on the fake clock until the app is in the state (the worker answers in between).</summary>
        private static bool StepUntil(int state)
        {
            // The QR screen keeps a long poll in flight; every other state is reached once the worker is idle.
            bool waitForIdleWorker = state != AppState.ShowingCode;
            for (int i = 0; i < MaxSteps; i++)
            {
                if (s_terminal.App.State == state && (!waitForIdleWorker || s_terminal.App.RequestInFlight == RequestKind.None)) return true;
                Step();
            }
            Console.WriteLine("state " + s_terminal.App.State.ToString() + " never became " + state.ToString());
            return false;
        }

        private static void Step()
        {
            s_terminal.Runner.RunUiStep();
            // Waiting costs nanoCLR on Linux ~10 ms of wall time per call: only while the worker has a request.
            if (s_terminal.App.RequestInFlight != RequestKind.None) s_terminal.Runner.WaitForWork(StepMs);
            s_clock.Advance(StepMs);
        }

        private static void Idle(int ms)
        {
            for (int t = 0; t < ms; t += StepMs) Step();
        }

        /// <summary>Presses and releases each keycap, long enough for the debounce either way.</summary>
        private static void Type(string keycaps)
        {
            for (int i = 0; i < keycaps.Length; i++)
            {
                int index = Keycaps.Layout.IndexOf(keycaps[i]);
                s_lines.SetKey(index / 4, index % 4, true);
                Idle(40);
                s_lines.SetKey(index / 4, index % 4, false);
                Idle(60);
            }
        }

        private sealed class SilentLog : IAppLog
        {
            public void Line(string text) { }
        }
    }
}
