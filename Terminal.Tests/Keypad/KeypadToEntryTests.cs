using Terminal.Drivers.Keypad;
using Terminal.Money;
using Xunit;

namespace Terminal.Tests.Keypad;

/// <summary>The cashier's keys through the real driver on the virtual matrix into the amount entry.</summary>
public class KeypadToEntryTests
{
    [Fact]
    public void Keyed_strokes_with_bouncing_contacts_enter_the_amount_exactly_once_each()
    {
        using var rig = new KeypadRig(bounceMs: 6, bounceSeed: 42);
        var entry = new AmountEntry(CurrencyTable.Nok);
        foreach (char keycap in "125C")
            Stroke(rig, entry, keycap, holdMs: 120);
        Assert.Equal(12500, entry.AmountMinor); // 1 2 5 then 00
        Assert.Equal("125,00 kr", MoneyFormat.Format(entry.AmountMinor, entry.Currency, Language.Norwegian));
    }

    [Fact]
    public void Holding_backspace_deletes_once_then_repeats_after_the_delay()
    {
        using var rig = new KeypadRig();
        var entry = new AmountEntry(CurrencyTable.Nok);
        foreach (char keycap in "12345")
            Stroke(rig, entry, keycap, holdMs: 60);
        Assert.Equal(12345, entry.AmountMinor);

        // Held 800 ms: Down comes 10-35 ms after the press (idle poll, debounce), Repeats 500, 600 and 700 ms
        // after Down; the next would be after the release. Four deletions: 12345 -> 1.
        Stroke(rig, entry, 'B', holdMs: 800);
        Assert.Equal(1, entry.AmountMinor);
    }

    [Fact]
    public void A_press_is_reported_within_the_idle_poll_plus_the_debounce_time()
    {
        using var rig = new KeypadRig();
        rig.RunLoop(37); // somewhere between two idle scans
        rig.Matrix.Press('7');
        long pressedAtMs = rig.Clock.NowMs - 1_000;
        rig.RunLoop(100);
        string down = rig.Events.Single();
        long reportedAtMs = long.Parse(down[(down.IndexOf('@') + 1)..]);
        Assert.InRange(reportedAtMs - pressedAtMs, rig.Timing.DebouncePressMs,
            rig.Timing.IdlePollMs + rig.Timing.DebouncePressMs + rig.Timing.ActivePollMs);
    }

    [Fact]
    public void Typed_keys_arrive_in_order_and_enter_the_amount_and_submit_it()
    {
        using var rig = new KeypadRig(bounceMs: 5, bounceSeed: 9);
        var entry = new AmountEntry(CurrencyTable.Nok);
        long doneAtMs = rig.Matrix.Type("125");
        Assert.Equal(doneAtMs, rig.Matrix.Type("00D") - 3 * 120); // typing continues after the first word
        int submitted = 0;
        var keyEvent = new KeyEvent();
        for (int ms = 0; ms < 1_000; ms++)
        {
            rig.Clock.Advance(1);
            if (rig.Clock.NowMs < rig.Keypad.NextScanDueMs) continue;
            rig.Keypad.Scan();
            while (rig.Keypad.TryReadEvent(keyEvent))
                if (keyEvent.Kind == KeyEventKind.Down && entry.Press(keyEvent.Keycap) == EntryResult.Submitted) submitted++;
        }
        Assert.Equal(0, rig.Matrix.PendingStrokes);
        Assert.Equal(12500, entry.AmountMinor);
        Assert.Equal(1, submitted);
    }

    [Fact]
    public void Typing_a_key_the_keypad_does_not_have_types_nothing()
    {
        using var rig = new KeypadRig();
        var e = Assert.Throws<ArgumentException>(() => rig.Matrix.Type("12x"));
        Assert.Contains("'x'", e.Message);
        Assert.Equal(0, rig.Matrix.PendingStrokes);
        rig.RunLoop(500);
        Assert.Empty(rig.Events);
    }

    /// <summary>Press, run the UI loop for the hold time, release, let it settle; every Down/Repeat goes to the entry.</summary>
    private static void Stroke(KeypadRig rig, AmountEntry entry, char keycap, int holdMs)
    {
        rig.Matrix.Press(keycap);
        RunInto(rig, entry, holdMs);
        rig.Matrix.Release(keycap);
        RunInto(rig, entry, 60);
    }

    private static void RunInto(KeypadRig rig, AmountEntry entry, int ms)
    {
        var keyEvent = new KeyEvent();
        for (int i = 0; i < ms; i++)
        {
            rig.Clock.Advance(1);
            if (rig.Clock.NowMs < rig.Keypad.NextScanDueMs) continue;
            rig.Keypad.Scan();
            while (rig.Keypad.TryReadEvent(keyEvent))
                if (keyEvent.Kind != KeyEventKind.Up) entry.Press(keyEvent.Keycap);
        }
    }
}
