using System.Runtime.CompilerServices;
using Terminal.App;
using Terminal.Config;
using Terminal.Diagnostics;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Sound;

namespace Terminal.Tests.Memory;

/// <summary>
/// The host twin of the bench's heap scenario (tools/nanoclr/heap/HeapScenario.cs): the real PaymentTerminal on
/// in-memory ports parses its provisioning text, is composed, boots (self-test included) and makes one sale -
/// 12500 OK, QR shown, PAID, OK - and counts the bytes the firmware allocates on its two threads: the UI
/// loop (this thread) and the network worker (counted by <see cref="HeapGuardTransport"/>). Static data is
/// made before counting (on the bench it is part of the "start" figure), so the count does not depend on
/// which tests ran first. A second sale's create request closes the worker's count.
/// </summary>
public sealed class FirmwareAllocationRun
{
    public const string TechnicianPin = "48213";
    private const long StartUnixSeconds = 1_790_000_000;
    private const int StepMs = 5;

    public long UiThreadBytes { get; private set; }
    public long WorkerThreadBytes { get; private set; }
    public long TotalBytes => UiThreadBytes + WorkerThreadBytes;
    public int QrVersion { get; private set; }

    /// <summary>Per thread: .NET's first-use costs (thread-local caches) are paid once by each thread that runs the UI loop.</summary>
    [ThreadStatic] private static bool _warm;

    private FakeClock _clock = null!;
    private MemoryKeypadLines _lines = null!;
    private PaymentTerminal _terminal = null!;

    public override string ToString() =>
        $"{TotalBytes} bytes (UI loop {UiThreadBytes}, network worker {WorkerThreadBytes}), QR version {QrVersion}";

    /// <summary>
    /// Runs the scenario. plantedBytes &gt; 0 plants one allocation of that size on the UI thread inside the
    /// firmware's loop (a handler of the runner's Flushed event while the QR is shown): a stand-in for a change
    /// that grows the firmware's heap, to show that the guard notices.
    /// </summary>
    public static FirmwareAllocationRun Measure(int plantedBytes = 0)
    {
        // The first run on a thread also pays for .NET's own first-use caches (delegates, thread statics): once per
        // thread, uncounted. Per thread, because xUnit may run each test of the class on a different thread.
        if (!_warm) new FirmwareAllocationRun().Execute(0);
        _warm = true;
        // .NET may also allocate on the counted threads for itself when the UI loop and the worker happen to meet
        // on a lock (the runtime's lock structures, a few hundred bytes, more likely when the machine is busy). It
        // only ever adds: the least of a few runs is the firmware's own count.
        FirmwareAllocationRun? least = null;
        for (int i = 0; i < RunsPerMeasure; i++)
        {
            var run = new FirmwareAllocationRun();
            run.Execute(plantedBytes);
            if (least == null || run.TotalBytes < least.TotalBytes) least = run;
        }
        return least!;
    }

    /// <summary>Runs per <see cref="Measure"/>; the least count is kept.</summary>
    public const int RunsPerMeasure = 3;

    /// <summary>What .NET's own lock structures can still add to one measure (seen: 208-224 bytes under CI load).</summary>
    public const int RuntimeNoiseBytes = 512;

    private void Execute(int plantedBytes)
    {
        MakeStaticData();
        string provisioning = "wifi.ssid=Butikk\nwifi.password=hemmelig-passord\ngateway.url=https://pay.example.no/terminal\n"
            + "terminal.id=BRG-003\nterminal.key=hex:00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef\n"
            + "technician.pin=" + TechnicianPin + "\nlanguage=no\ncurrency=NOK\npanel.controller=ssd1306\n";
        _clock = new FakeClock(1000);
        _lines = new MemoryKeypadLines(4);
        var timing = new KeypadTiming();
        var bus = new RecordingPanelBus(16);
        var wallClock = new FakeWallClock(StartUnixSeconds);
        var random = new Random(1);
        byte[] bootRandom = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
        var slot = new MemorySlot();
        var tone = new NoToneOutput();
        var log = new SilentLog();
        HeapGuardTransport transport = null!;
        byte[] planted = null!;

        long start = GC.GetAllocatedBytesForCurrentThread();
        TerminalConfig config = TerminalConfig.Parse(provisioning, out ConfigError error)
            ?? throw new InvalidOperationException("provisioning refused: " + error);
        long paused = GC.GetAllocatedBytesForCurrentThread();
        transport = new HeapGuardTransport(config.TerminalIdText, config.TerminalKeyBytes, StartUnixSeconds);
        long resumed = GC.GetAllocatedBytesForCurrentThread();
        _terminal = new PaymentTerminal(config, _lines, timing, bus, tone, transport, _clock, wallClock, random, bootRandom, slot, new MemorySlot(), new MemorySlot(), log);
        long composed = GC.GetAllocatedBytesForCurrentThread();
        bool planting = plantedBytes > 0;
        if (planting)
        {
            _terminal.Runner.Flushed += (_, _) =>
            {
                if (planted == null && _terminal.App.State == AppState.ShowingCode) planted = new byte[plantedBytes];
            };
        }
        long saleStart = GC.GetAllocatedBytesForCurrentThread();

        _terminal.Boot();
        if (_terminal.App.State == AppState.SelfTestFailed) throw new InvalidOperationException("self-test failed");
        _terminal.App.SetNetwork(true, "10.0.0.2");
        StepUntil(AppState.Idle, "the amount screen");
        Type("12500D");
        StepUntil(AppState.ShowingCode, "the QR screen");
        QrVersion = _terminal.Qr.Version;
        transport.Pay();
        StepUntil(AppState.Paid, "PAID");
        Idle(_terminal.Settings.PaidAcknowledgeGuardMs + 100);
        Type("D");
        StepUntil(AppState.Idle, "the amount screen after the sale");
        long saleEnd = GC.GetAllocatedBytesForCurrentThread();

        // A second sale's create request: the worker reads its counter when it begins, after all of the first sale.
        int exchanges = transport.Exchanges;
        Type("1D");
        for (var deadline = DateTime.UtcNow.AddSeconds(30); transport.Exchanges == exchanges;)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the second sale's create never reached the gateway");
            Step(advanceClock: false);
        }
        WorkerThreadBytes = transport.WorkerFirmwareBytes;
        _terminal.Runner.Abandon();

        UiThreadBytes = (paused - start) + (composed - resumed) + (saleEnd - saleStart);
        GC.KeepAlive(planted);
    }

    /// <summary>Runs every firmware class constructor now (static tables, fonts, texts), outside the count.</summary>
    private static void MakeStaticData()
    {
        foreach (var assembly in new[] { typeof(PaymentTerminal).Assembly, typeof(MatrixKeypad).Assembly })
            foreach (Type type in assembly.GetTypes())
                if (!type.IsGenericTypeDefinition) RuntimeHelpers.RunClassConstructor(type.TypeHandle);
    }

    /// <summary>Runs the UI loop until the app is in the state with the worker idle (the QR screen keeps a long poll in flight).</summary>
    private void StepUntil(int state, string what)
    {
        bool needIdleWorker = state != AppState.ShowingCode;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ;)
        {
            if (_terminal.App.State == state && (!needIdleWorker || _terminal.App.RequestInFlight == RequestKind.None)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("never reached " + what + "; state " + _terminal.App.State);
            Step(advanceClock: false);
        }
    }

    /// <summary>
    /// One UI loop pass. The fake clock moves only while keys are typed or time is meant to pass, so the number
    /// of passes spent waiting for the worker (which varies) changes nothing the firmware does.
    /// </summary>
    private void Step(bool advanceClock)
    {
        _terminal.Runner.RunUiStep();
        if (_terminal.App.RequestInFlight != RequestKind.None) _terminal.Runner.WaitForWork(StepMs);
        if (advanceClock) _clock.Advance(StepMs);
    }

    private void Idle(int ms)
    {
        for (int t = 0; t < ms; t += StepMs) Step(advanceClock: true);
    }

    private void Type(string keycaps)
    {
        foreach (char keycap in keycaps)
        {
            int index = Keycaps.Layout.IndexOf(keycap);
            _lines.SetKey(index / 4, index % 4, true);
            Idle(40);
            _lines.SetKey(index / 4, index % 4, false);
            Idle(60);
        }
    }

    private sealed class SilentLog : IAppLog
    {
        public void Line(string text) { }
    }
}
