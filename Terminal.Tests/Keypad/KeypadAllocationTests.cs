using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;
using Xunit;

namespace Terminal.Tests.Keypad;

/// <summary>The scan loop runs forever on a small heap: after warm-up it must allocate nothing.</summary>
public class KeypadAllocationTests
{
    [Fact]
    public void Scanning_ten_thousand_times_with_keys_pressed_and_released_allocates_nothing()
    {
        var clock = new FakeClock(0);
        var lines = new MemoryKeypadLines(4);
        var keypad = new MatrixKeypad(lines, clock, new KeypadTiming(), KeypadKeymap.Standard());
        var keyEvent = new KeyEvent();
        int events = 0;
        ScanWithStrokes(keypad, lines, clock, keyEvent, 200); // warm-up

        long before = GC.GetAllocatedBytesForCurrentThread();
        events += ScanWithStrokes(keypad, lines, clock, keyEvent, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(events > 100, "the loop should have produced events, got " + events);
    }

    [Fact]
    public void Scanning_through_the_gpio_adapter_on_the_virtual_matrix_allocates_nothing()
    {
        using var rig = new KeypadRig();
        var keyEvent = new KeyEvent();
        ScanVirtual(rig, keyEvent, 200);

        // The least of three measures: .NET IoT's GpioController (the host's, not the device's) once allocated a few
        // bytes on the counted thread during a full, loaded test run (2026-11-30; not reproduced since). An allocation
        // in the scan path would show in every measure.
        long least = long.MaxValue;
        int events = 0;
        for (int run = 0; run < 3; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            events = ScanVirtual(rig, keyEvent, 10_000);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
        Assert.True(events > 100, "the loop should have produced events, got " + events);
    }

    private static int ScanWithStrokes(MatrixKeypad keypad, MemoryKeypadLines lines, FakeClock clock, KeyEvent keyEvent, int scans)
    {
        int events = 0;
        for (int i = 0; i < scans; i++)
        {
            int phase = i % 40;
            if (phase == 0) { lines.SetKey(1, 1, true); lines.SetKey(1, 3, true); }   // 5 and B
            if (phase == 20) { lines.SetKey(1, 1, false); lines.SetKey(1, 3, false); }
            clock.Advance(5);
            keypad.Scan();
            while (keypad.TryReadEvent(keyEvent)) events++;
        }
        return events;
    }

    private static int ScanVirtual(KeypadRig rig, KeyEvent keyEvent, int scans)
    {
        int events = 0;
        for (int i = 0; i < scans; i++)
        {
            int phase = i % 40;
            if (phase == 0) { rig.Matrix.Press('5'); rig.Matrix.Press('B'); }
            if (phase == 20) { rig.Matrix.Release('5'); rig.Matrix.Release('B'); }
            rig.Clock.Advance(5);
            rig.Keypad.Scan();
            while (rig.Keypad.TryReadEvent(keyEvent)) events++;
        }
        return events;
    }
}
