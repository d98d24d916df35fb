using Terminal.App;
using Terminal.Drivers.Fakes;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>Issue 14, defect 3: the technician PIN lockout survives a restart and a reboot cannot shorten it.</summary>
public partial class PosAppTests
{
    /// <summary>A power cycle: a new app on the same flash, its monotonic clock starting from zero again.</summary>
    private static Rig PowerCycled(MemorySlot pinFlash) => new Rig(pinFlash: pinFlash, clock: new FakeClock(0)).Ready();

    /// <summary>'*' is refused with the lockout notice (not PIN entry); a key returns to the amount.</summary>
    private static void AssertLocked(Rig rig)
    {
        rig.Keys("*");
        Assert.Equal(ScreenId.TechRefused, rig.Model.Screen);
        rig.Keys("A");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
    }

    [Fact]
    public void Three_wrong_PINs_lock_the_menu_across_a_power_cycle_until_the_lock_time_has_run_while_powered()
    {
        var pinFlash = new MemorySlot();
        var rig = new Rig(pinFlash: pinFlash).Ready();
        rig.Keys("*1111D*1112D*1113D");
        AssertLocked(rig);

        long lockoutMs = rig.Settings.PinLockoutMs;
        rig.Tick(lockoutMs / 2 - 1);
        var after = PowerCycled(pinFlash);
        AssertLocked(after); // still locked after the restart

        // A reboot restarts the countdown from the time left, rounded up: never shorter than what was left.
        after.Tick(lockoutMs / 2 - 1);
        AssertLocked(after);
        after.Tick(PinLockout.PersistStepMs + 1);
        after.Keys("*");
        Assert.Equal(ScreenId.PinEntry, after.Model.Screen);
        after.Keys("2468D");
        Assert.Equal(ScreenId.TechMenu, after.Model.Screen);
    }

    [Fact]
    public void Rebooting_between_wrong_PINs_does_not_reset_their_count()
    {
        var pinFlash = new MemorySlot();
        new Rig(pinFlash: pinFlash).Ready().Keys("*1111D*1112DA");
        var after = PowerCycled(pinFlash);
        after.Keys("*1113D");
        AssertLocked(after); // the third wrong PIN, counted across the reboot
    }

    [Fact]
    public void Rebooting_every_few_seconds_never_ends_the_lock_early()
    {
        var pinFlash = new MemorySlot();
        var rig = new Rig(pinFlash: pinFlash).Ready();
        rig.Keys("*1111D*1112D*1113D");
        long poweredMs = 0;
        while (true)
        {
            rig.Tick(3000);
            poweredMs += 3000;
            rig = PowerCycled(pinFlash);
            rig.Keys("*");
            if (rig.Model.Screen == ScreenId.PinEntry) break;
            Assert.True(poweredMs < 10 * rig.Settings.PinLockoutMs, "the lock never ended");
        }
        Assert.True(poweredMs >= rig.Settings.PinLockoutMs, "unlocked after " + poweredMs + " ms of power");
    }

    [Fact]
    public void A_damaged_lockout_record_keeps_the_menu_locked()
    {
        var pinFlash = new MemorySlot();
        pinFlash.Write("P1;0;0;deadbeef");
        var rig = PowerCycled(pinFlash);
        AssertLocked(rig);
        Assert.Contains(rig.Log.Lines, l => l.Contains("lockout record in flash is damaged"));
    }

    [Fact]
    public void The_right_PIN_clears_the_stored_count()
    {
        var pinFlash = new MemorySlot();
        var rig = new Rig(pinFlash: pinFlash).Ready();
        rig.Keys("*1111D2468D");
        Assert.Equal(ScreenId.TechMenu, rig.Model.Screen);
        Assert.Null(pinFlash.Read());
    }
}
