using Terminal.App;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;

namespace Terminal.Tests.App;

/// <summary>
/// Drives a composed terminal's UI loop from a test, as the device's loop does, on the fake clock: passes until a
/// condition holds (waiting for the worker between them), keys pressed and released on the in-memory lines, idle time.
/// </summary>
internal static class UiLoopDriver
{
    /// <summary>Passes of the UI loop until the condition holds; a deadline of real time turns a hang into a failure.</summary>
    public static void StepUntil(PaymentTerminal terminal, Func<bool> done, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !done();)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("never reached " + what + "; state " + terminal.App.State);
            terminal.Runner.RunUiStep();
            terminal.Runner.WaitForWork(5);
        }
    }

    /// <summary>Presses and releases each keycap (held 40 ms, released 60 ms: past the debounce either way).</summary>
    public static void Type(PaymentTerminal terminal, FakeClock clock, MemoryKeypadLines lines, string keycaps)
    {
        foreach (char keycap in keycaps)
        {
            int index = Keycaps.Layout.IndexOf(keycap);
            lines.SetKey(index / 4, index % 4, true);
            Idle(terminal, clock, 40);
            lines.SetKey(index / 4, index % 4, false);
            Idle(terminal, clock, 60);
        }
    }

    /// <summary>UI loop passes every 5 ms of the fake clock for ms milliseconds (no waiting for the worker).</summary>
    public static void Idle(PaymentTerminal terminal, FakeClock clock, int ms)
    {
        for (int t = 0; t < ms; t += 5)
        {
            terminal.Runner.RunUiStep();
            clock.Advance(5);
        }
    }

    /// <summary>A log that keeps nothing.</summary>
    public sealed class SilentLog : IAppLog
    {
        public void Line(string text) { }
    }
}
