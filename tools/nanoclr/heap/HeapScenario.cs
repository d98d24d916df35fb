using System;
using System.Threading;
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
        private const int MaxSteps = 2000;
        private const int KeyDownMs = 40;
        private const int KeyUpMs = 60;

        private static FakeClock s_clock;
        private static MemoryKeypadLines s_lines;
        private static PaymentTerminal s_terminal;
        private static BenchGateway s_gateway;

        public static void Main()
        {
            long bootStartTicks = DateTime.UtcNow.Ticks;
            Phase("start");
            if (!Compose()) return;
            Phase("composed");

            s_terminal.Boot();
            if (s_terminal.App.State == AppState.SelfTestFailed) { Console.WriteLine("self-test failed"); return; }
            Phase("selftest");
            s_terminal.App.SetNetwork(true, "10.0.0.2");
            if (!Drive("", 0, AppState.Idle)) return;
            long bootEndTicks = DateTime.UtcNow.Ticks;
            Phase("amount-screen");
            // Under the CPU-time shim UtcNow is the interpreter thread's CPU time (+ a fixed offset): the value at the
            // amount screen counts from the process start, so loading and the static constructors are included.
            Console.WriteLine("BOOT_CLOCK_TICKS " + bootEndTicks.ToString() + " MAIN_TICKS " + (bootEndTicks - bootStartTicks).ToString());

            if (!Drive("12500", 0, AppState.Idle)) return;
            Phase("amount-keyed");
            if (!Drive("D", 0, AppState.ShowingCode)) return;
            if (!s_terminal.Qr.IsValid) { Console.WriteLine("no QR symbol"); return; }
            Console.WriteLine("QR v" + s_terminal.Qr.Version.ToString() + " x" + s_terminal.Qr.Scale.ToString());
            Phase("qr-shown");
            s_gateway.Pay();
            if (!Drive("", 0, AppState.Paid)) return;
            Phase("paid");
            if (!Drive("", s_terminal.Settings.PaidAcknowledgeGuardMs + 100, AppState.Paid)) return;
            if (!Drive("D", 0, AppState.Idle)) return;
            Phase("ok");

            if (!Drive("*" + TechnicianPin + "D", 0, AppState.TechMenu)) return;
            Phase("tech-menu");
            // The probe runs on the network worker; the page shows its results when it is done.
            if (!Drive("6", 0, AppState.TechSelfTest)) return;
            if (s_terminal.Model.MenuLineCount < 2) { Console.WriteLine("probe showed no results"); return; }
            Phase("probe");
            if (!Drive("AA", 0, AppState.Idle)) return;
            Phase("back-to-amount");
            s_terminal.Runner.Stop();
            Console.WriteLine("gateway exchanges " + s_gateway.Exchanges.ToString() + ", frames " + s_terminal.Runner.Flushes.ToString());
            Console.WriteLine("RUN OK");
        }

        /// <summary>
        /// The provisioning text parsed and the terminal made on in-memory ports. A method of its own, as the
        /// device's Program.Start, so that its locals and the constructor's many arguments do not stay on the
        /// stack (in nanoCLR's heap) while the UI loop runs.
        /// </summary>
        private static bool Compose()
        {
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
            if (config == null) { Console.WriteLine("config refused: " + error.ToString()); return false; }
            Phase("config");

            s_clock = new FakeClock(1000);
            s_lines = new MemoryKeypadLines(4);
            s_gateway = new BenchGateway(config.TerminalIdText, config.TerminalKeyBytes, StartUnixSeconds);
            byte[] bootRandom = new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
            s_terminal = new PaymentTerminal(config, s_lines, new KeypadTiming(), new RecordingPanelBus(16), new NoToneOutput(), s_gateway,
                s_clock, new FakeWallClock(StartUnixSeconds), new Random(1), bootRandom, new MemorySlot(), new MemorySlot(), new MemorySlot(), new SilentLog());
            return true;
        }

        private static void Phase(string name)
        {
            Console.WriteLine("PHASE " + name);
        }

        /// <summary>
        /// Runs the UI loop on the fake clock, as the device's Program does (the worker answers in between): first
        /// for at least minMs, then pressing and releasing each keycap (held <see cref="KeyDownMs"/>, released
        /// <see cref="KeyUpMs"/>: long enough for the debounce either way), then until the app is in the state.
        /// One method calls RunUiStep, so the UI thread's stack is as deep as on the device (Main, Run, RunUiStep).
        /// </summary>
        private static bool Drive(string keycaps, int minMs, int state)
        {
            // The QR screen keeps a long poll in flight; every other state is reached once the worker is idle.
            bool waitForIdleWorker = state != AppState.ShowingCode;
            long keysFrom = s_clock.NowMs + minMs;
            int key = -1;             // the keycap being pressed (index into keycaps), -1 before the first
            bool down = false;
            long nextKeyChangeMs = keysFrom;
            for (int i = 0; i < MaxSteps; i++)
            {
                long now = s_clock.NowMs;
                if (now >= nextKeyChangeMs && (down || key + 1 < keycaps.Length))
                {
                    if (!down) key++;
                    down = !down;
                    int index = Keycaps.Layout.IndexOf(keycaps[key]);
                    s_lines.SetKey(index / 4, index % 4, down);
                    nextKeyChangeMs = now + (down ? KeyDownMs : KeyUpMs);
                }
                bool typed = now >= keysFrom && !down && key + 1 >= keycaps.Length && now >= nextKeyChangeMs;
                if (typed && s_terminal.App.State == state && (!waitForIdleWorker || s_terminal.App.RequestInFlight == RequestKind.None)) return true;
                s_terminal.Runner.RunUiStep();
                // As the device's loop, until the worker's answer while it runs the technician's probe (IdleSleepMs);
                // else one step of the fake clock, waiting (~10 ms of wall time on nanoCLR) only while the worker has a request.
                if (s_terminal.Runner.IdleSleepMs == Timeout.Infinite) s_terminal.Runner.WaitForWork(Timeout.Infinite);
                else if (s_terminal.App.RequestInFlight != RequestKind.None) s_terminal.Runner.WaitForWork(StepMs);
                s_clock.Advance(StepMs);
            }
            Console.WriteLine("state " + s_terminal.App.State.ToString() + " never became " + state.ToString());
            return false;
        }

        private sealed class SilentLog : IAppLog
        {
            public void Line(string text) { }
        }
    }
}
