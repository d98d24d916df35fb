using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Xunit;

namespace Terminal.Tests.Keypad;

/// <summary>
/// Zephyr kbd_matrix-style cases, through the real driver and GPIO adapter on the virtual membrane matrix,
/// with a fake clock. Times in the events are ms since the rig's start.
/// </summary>
public class MatrixKeypadTests
{
    [Fact]
    public void No_event_before_the_press_debounce_time_and_one_after()
    {
        using var rig = new KeypadRig();
        rig.Keypad.Scan();
        rig.Matrix.Press('5');
        rig.ScanEveryMs(1);   // the first scan that sees the key closed, at 1 ms
        rig.ScanEveryMs(9);   // up to 10 ms: closed for 9 ms only
        Assert.Empty(rig.Events);
        rig.ScanEveryMs(1);   // 11 ms: closed for the full 10 ms
        Assert.Equal(new[] { "5 Down @11" }, rig.Events);
        rig.ScanEveryMs(200);
        Assert.Single(rig.Events);
        Assert.True(rig.Keypad.IsDown('5'));
    }

    [Fact]
    public void A_short_glitch_gives_no_event()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('7');
        rig.ScanEveryMs(4);
        rig.Matrix.Release('7');
        rig.ScanEveryMs(100);
        Assert.Empty(rig.Events);
        Assert.True(rig.Keypad.IsIdle);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_bouncing_key_gives_exactly_one_press_and_one_release(int seed)
    {
        int flips = CountRawFlips(seed, '0', 8);
        using var rig = new KeypadRig(bounceMs: 8, bounceSeed: seed);
        rig.Matrix.Press('0');
        rig.ScanEveryMs(300);
        rig.Matrix.Release('0');
        rig.ScanEveryMs(300);

        Assert.True(flips >= 2, "the contact should bounce, flipped " + flips + " times");
        Assert.Equal(new[] { "0 Down", "0 Up" }, rig.Kinds());
    }

    [Fact]
    public void A_bouncing_key_is_reported_only_after_it_has_settled_for_the_debounce_time()
    {
        using var rig = new KeypadRig(bounceMs: 8, bounceSeed: 3);
        rig.Matrix.Press('9');
        rig.ScanEveryMs(100);
        int downAtMs = int.Parse(rig.Events.Single()[(rig.Events.Single().IndexOf('@') + 1)..]);
        // Contact settles at 8 ms at the latest; the event is at least 10 ms after the first closed scan.
        Assert.InRange(downAtMs, 11, 8 + 10 + 1);
    }

    [Fact]
    public void Three_keys_on_a_rectangle_give_no_event_while_the_ghost_stands()
    {
        using var rig = new KeypadRig();
        // 1 (r1,c1), 2 (r1,c2), 4 (r2,c1): the fourth corner 5 (r2,c2) reads closed through them.
        rig.Matrix.Press('1');
        rig.Matrix.Press('2');
        rig.Matrix.Press('4');
        rig.ScanEveryMs(200);

        Assert.Empty(rig.Events);
        Assert.True(rig.Keypad.GhostScanCount >= 200);
        Assert.False(rig.Keypad.IsIdle);
        Assert.Equal(rig.Timing.ActivePollMs, rig.Keypad.ScanPeriodMs);
    }

    [Fact]
    public void When_the_ghost_goes_the_real_keys_are_reported_and_the_ghost_never()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('1');
        rig.Matrix.Press('2');
        rig.Matrix.Press('4');
        rig.ScanEveryMs(50);
        rig.Matrix.Release('4');
        rig.ScanEveryMs(50);
        Assert.Equal(new[] { "1 Down", "2 Down" }, rig.Kinds().OrderBy(k => k));
        Assert.False(rig.Keypad.IsDown('5'));
    }

    [Fact]
    public void A_release_is_reported_after_the_release_debounce_time_and_the_keypad_returns_to_idle()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('D');
        rig.ScanEveryMs(50);
        rig.Matrix.Release('D');
        rig.ScanEveryMs(20);  // first open reading at 1 ms, open for 19 ms at 20 ms
        Assert.Equal(new[] { "D Down" }, rig.Kinds());
        rig.ScanEveryMs(1);
        Assert.Equal(new[] { "D Down", "D Up" }, rig.Kinds());
        Assert.True(rig.Keypad.IsIdle);
        Assert.Equal(rig.Timing.IdlePollMs, rig.Keypad.ScanPeriodMs);
    }

    [Fact]
    public void Holding_backspace_repeats_after_the_delay_at_the_interval()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('B');
        rig.RunLoop(1_000);
        rig.Matrix.Release('B');
        rig.RunLoop(100);

        string[] kinds = rig.Kinds();
        Assert.Equal("B Down", kinds[0]);
        Assert.Equal("B Up", kinds[^1]);
        var repeats = rig.Events.Where(e => e.Contains("Repeat")).Select(e => int.Parse(e[(e.IndexOf('@') + 1)..])).ToArray();
        int downAtMs = int.Parse(rig.Events[0][(rig.Events[0].IndexOf('@') + 1)..]);
        Assert.Equal(downAtMs + 500, repeats[0]);
        Assert.All(repeats.Zip(repeats.Skip(1)), pair => Assert.Equal(100, pair.Second - pair.First));
        Assert.Equal((1_000 - (downAtMs + 500)) / 100 + 1, repeats.Length);
    }

    [Fact]
    public void Holding_a_digit_or_OK_never_repeats()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('5');
        rig.RunLoop(2_000);
        rig.Matrix.Release('5');
        rig.RunLoop(100);
        rig.Matrix.Press('D');
        rig.RunLoop(2_000);
        Assert.Equal(new[] { "5 Down", "5 Up", "D Down" }, rig.Kinds());
    }

    [Fact]
    public void Another_key_pressed_during_a_backspace_repeat_ends_the_repeat()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('B');
        rig.RunLoop(600);
        int repeatsBefore = rig.Kinds().Count(k => k == "B Repeat");
        rig.Matrix.Press('1');
        rig.RunLoop(1_000);
        Assert.True(repeatsBefore >= 1);
        Assert.Equal(repeatsBefore, rig.Kinds().Count(k => k == "B Repeat"));
        Assert.Contains("1 Down", rig.Kinds());
    }

    [Fact]
    public void Two_keys_in_one_row_are_both_reported_and_never_short_two_outputs()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('4');
        rig.Matrix.Press('6');
        rig.ScanEveryMs(50);
        Assert.Equal(new[] { "4 Down", "6 Down" }, rig.Kinds().OrderBy(k => k));
        Assert.Equal(1, rig.Matrix.MostColumnsDrivenAtOnce);
        Assert.False(rig.Matrix.ShortCircuitSeen);
    }

    [Fact]
    public void Two_keys_in_one_column_are_both_reported()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('3');
        rig.Matrix.Press('#');
        rig.ScanEveryMs(50);
        Assert.Equal(new[] { "# Down", "3 Down" }, rig.Kinds().OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void Between_scans_every_column_is_a_high_impedance_input()
    {
        using var rig = new KeypadRig();
        rig.Matrix.Press('8');
        rig.ScanEveryMs(30);
        foreach (int pin in KeypadRig.ColumnPins)
            Assert.Equal(System.Device.Gpio.PinMode.Input, rig.Controller.GetPinMode(pin));
        foreach (int pin in KeypadRig.RowPins)
            Assert.Equal(System.Device.Gpio.PinMode.InputPullUp, rig.Controller.GetPinMode(pin));
    }

    [Fact]
    public void The_scan_period_is_the_active_poll_while_a_key_is_down_and_the_idle_poll_otherwise()
    {
        using var rig = new KeypadRig();
        int idleScans = rig.RunLoop(1_000);
        rig.Matrix.Press('2');
        rig.RunLoop(50);
        int heldScans = rig.RunLoop(1_000);
        Assert.Equal(1_000 / rig.Timing.IdlePollMs, idleScans);
        Assert.Equal(1_000 / rig.Timing.ActivePollMs, heldScans);
    }

    [Fact]
    public void The_UI_loop_sees_a_normal_key_stroke_once_each_way()
    {
        using var rig = new KeypadRig(bounceMs: 5, bounceSeed: 11);
        foreach (char keycap in "1234567890ABCD*#")
        {
            rig.Matrix.Press(keycap);
            rig.RunLoop(80);
            rig.Matrix.Release(keycap);
            rig.RunLoop(80);
        }
        Assert.Equal("1234567890ABCD*#".SelectMany(k => new[] { k + " Down", k + " Up" }), rig.Kinds());
    }

    [Fact]
    public void A_full_event_queue_drops_the_newest_events_and_counts_them()
    {
        using var rig = new KeypadRig();
        int strokes = MatrixKeypad.EventCapacity; // two events each: twice the capacity
        for (int i = 0; i < strokes; i++)
        {
            rig.Matrix.Press('1');
            for (int t = 0; t < 30; t++) { rig.Clock.Advance(1); rig.Keypad.Scan(); }
            rig.Matrix.Release('1');
            for (int t = 0; t < 30; t++) { rig.Clock.Advance(1); rig.Keypad.Scan(); }
        }
        Assert.Equal(MatrixKeypad.EventCapacity, rig.Keypad.PendingEventCount);
        Assert.Equal(strokes * 2 - MatrixKeypad.EventCapacity, rig.Keypad.DroppedEventCount);
        rig.Drain();
        Assert.Equal("1 Down", rig.Kinds()[0]); // the oldest survive
    }

    [Fact]
    public void Bad_construction_is_refused_with_a_clear_error()
    {
        var clock = new Terminal.Drivers.Fakes.FakeClock(0);
        var lines = new MemoryKeypadLines(4);
        var map = KeypadKeymap.Standard();
        Assert.Throws<ArgumentNullException>(() => new MatrixKeypad(null!, clock, new KeypadTiming(), map));
        Assert.Throws<ArgumentNullException>(() => new MatrixKeypad(lines, null!, new KeypadTiming(), map));
        Assert.Throws<ArgumentNullException>(() => new MatrixKeypad(lines, clock, null!, map));
        Assert.Throws<ArgumentNullException>(() => new MatrixKeypad(lines, clock, new KeypadTiming(), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixKeypad(lines, clock, new KeypadTiming { DebouncePressMs = -1 }, map));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixKeypad(lines, clock, new KeypadTiming { ActivePollMs = 0 }, map));
        Assert.Throws<ArgumentNullException>(() => new MatrixKeypad(lines, clock, new KeypadTiming(), map).TryReadEvent(null!));
    }

    [Fact]
    public void A_keymap_with_a_keycap_twice_or_a_foreign_repeating_key_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KeypadKeymap(4, 4, "123A456B789C*0#1", "B"));
        Assert.Throws<ArgumentException>(() => new KeypadKeymap(4, 4, "123A456B789C*0#", "B"));
        Assert.Throws<ArgumentException>(() => new KeypadKeymap(4, 4, Keycaps.Layout, "X"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeypadKeymap(0, 4, "", ""));
    }

    /// <summary>How often the raw contact flips after a press, read through the adapter on a rig of its own.</summary>
    private static int CountRawFlips(int seed, char keycap, int ms)
    {
        using var rig = new KeypadRig(bounceMs: ms, bounceSeed: seed);
        rig.Matrix.Press(keycap);
        int key = KeypadKeymap.Standard().IndexOf(keycap);
        int row = key / 4, column = key % 4;
        int flips = 0;
        bool last = false;
        for (int i = 0; i < ms; i++)
        {
            rig.Lines.DriveColumn(column);
            bool closed = (rig.Lines.ReadRows() & (1 << row)) != 0;
            rig.Lines.ReleaseColumns();
            if (closed != last) flips++;
            last = closed;
            rig.Clock.Advance(1);
        }
        return flips;
    }
}
