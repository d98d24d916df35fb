using Terminal.App;
using Terminal.Config;
using Terminal.Diagnostics;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Sound;
using Terminal.Tests.Memory;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>
/// While the worker runs the technician's self-test or probe, the UI loop sleeps until the answer (keys open, buzzer
/// silent): the probe's figures are the firmware's own and the two threads' deepest call chains never meet on the
/// device's heap (docs/memory.md). Otherwise the loop keeps its keypad scan period.
/// </summary>
public class TechnicianTestWaitTests
{
    private const long StartUnixSeconds = 1_790_000_000;

    [Theory]
    // running, keypad idle, buzzer playing, ms until the scan, scan period -> sleep
    [InlineData(false, true, false, 3L, 5, 3)]
    [InlineData(false, true, false, 0L, 5, 1)]        // a scan overdue: 1 ms, never 0 (that would spin)
    [InlineData(false, true, false, 400L, 5, 5)]      // at most one scan period
    [InlineData(true, true, false, 3L, 5, Timeout.Infinite)]
    [InlineData(true, false, false, 3L, 5, 3)]        // a key held: keep scanning until it is released
    [InlineData(true, true, true, 3L, 5, 3)]          // a click sounding: keep updating the buzzer until it ends
    public void The_UI_loop_sleeps_until_the_answer_only_while_a_technician_test_runs_at_rest(
        bool running, bool keypadIdle, bool buzzerPlaying, long msUntilScan, int scanPeriodMs, int expected)
    {
        Assert.Equal(expected, TerminalRunner.SleepBeforeNextStep(running, keypadIdle, buzzerPlaying, msUntilScan, scanPeriodMs));
    }

    [Fact]
    public void A_device_loop_that_sleeps_as_told_gets_the_probe_results_and_scans_again_afterwards()
    {
        var (terminal, clock, lines, transport) = Boot();
        try
        {
            UiLoopDriver.Type(terminal, clock, lines, "*" + FirmwareAllocationRun.TechnicianPin + "D");
            Assert.Equal(AppState.TechMenu, terminal.App.State);
            UiLoopDriver.Type(terminal, clock, lines, "6");
            // The device's loop (Program.Run): a pass, then the sleep the runner asks for. An infinite sleep ends with
            // the worker's answer; the deadline only turns a hang into a failure.
            int infiniteSleeps = 0;
            for (var deadline = DateTime.UtcNow.AddSeconds(60); terminal.App.RequestInFlight != RequestKind.None;)
            {
                Assert.True(DateTime.UtcNow < deadline, "the probe's answer never came");
                terminal.Runner.RunUiStep();
                int sleepMs = terminal.Runner.IdleSleepMs;
                if (sleepMs == Timeout.Infinite) infiniteSleeps++;
                else Assert.InRange(sleepMs, 1, new KeypadTiming().IdlePollMs);
                terminal.Runner.WaitForWork(sleepMs);
            }
            terminal.Runner.RunUiStep();
            Assert.Equal(AppState.TechSelfTest, terminal.App.State);
            Assert.Contains("config.parse", terminal.Model.MenuLines);
            // The answer delivered, the loop is back to its scan period.
            Assert.InRange(terminal.Runner.IdleSleepMs, 1, new KeypadTiming().IdlePollMs);
            Assert.InRange(infiniteSleeps, 0, 2); // at most a stale wake-up before the answer: no pass scans meanwhile
        }
        finally
        {
            terminal.Runner.Abandon();
        }
    }

    [Fact]
    public void The_probe_starts_once_the_key_that_asked_for_it_is_released()
    {
        var (terminal, clock, lines, _) = Boot();
        try
        {
            UiLoopDriver.Type(terminal, clock, lines, "*" + FirmwareAllocationRun.TechnicianPin + "D");
            int index = Keycaps.Layout.IndexOf('6');
            lines.SetKey(index / 4, index % 4, true);
            UiLoopDriver.Idle(terminal, clock, 200); // held: the menu has asked for the probe, the runner keeps it back
            Assert.Equal(RequestKind.Probe, terminal.App.NextRequestKind);
            Assert.Equal(RequestKind.None, terminal.App.RequestInFlight);
            lines.SetKey(index / 4, index % 4, false);
            UiLoopDriver.Idle(terminal, clock, 60); // released and debounced: the runner has taken it for the worker
            Assert.Equal(RequestKind.None, terminal.App.NextRequestKind);
        }
        finally
        {
            terminal.Runner.Abandon();
        }
    }

    [Fact]
    public void A_power_cut_wakes_a_UI_loop_that_waits_for_the_worker()
    {
        var (terminal, _, _, _) = Boot();
        var waiter = new Thread(() => terminal.Runner.WaitForWork(Timeout.Infinite));
        waiter.Start();
        terminal.Runner.Abandon();
        Assert.True(waiter.Join(TimeSpan.FromSeconds(10)), "the UI loop was left waiting for an answer that never comes");
    }

    private static (PaymentTerminal, FakeClock, MemoryKeypadLines, HeapGuardTransport) Boot()
    {
        string provisioning = "wifi.ssid=Butikk\nwifi.password=hemmelig-passord\ngateway.url=https://pay.example.no/terminal\n"
            + "terminal.id=BRG-003\nterminal.key=hex:00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef\n"
            + "technician.pin=" + FirmwareAllocationRun.TechnicianPin + "\nlanguage=no\ncurrency=NOK\npanel.controller=ssd1306\n";
        TerminalConfig config = TerminalConfig.Parse(provisioning, out ConfigError error) ?? throw new InvalidOperationException(error.ToString());
        var clock = new FakeClock(1000);
        var lines = new MemoryKeypadLines(4);
        var transport = new HeapGuardTransport(config.TerminalIdText, config.TerminalKeyBytes, StartUnixSeconds);
        var terminal = new PaymentTerminal(config, lines, new KeypadTiming(), new RecordingPanelBus(16), new NoToneOutput(), transport,
            clock, new FakeWallClock(StartUnixSeconds), new Random(1), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new MemorySlot(), new MemorySlot(),
            new MemorySlot(), new UiLoopDriver.SilentLog());
        terminal.Boot();
        terminal.App.SetNetwork(true, "10.0.0.2");
        UiLoopDriver.StepUntil(terminal, () => terminal.App.State == AppState.Idle && terminal.App.RequestInFlight == RequestKind.None, "the amount screen");
        return (terminal, clock, lines, transport);
    }
}
