using Terminal.App;
using Terminal.Diagnostics;
using Terminal.Drivers.Display;
using Terminal.Drivers.Sound;
using Terminal.Gateway;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>What the cashier and the technician hear and read around a sale: sounds, the technician menu's refusals, PIN entry, the probe page.</summary>
public class CounterExperienceTests
{
    [Fact]
    public void PAID_asks_for_the_paid_sound_once()
    {
        var rig = new PosAppTests.Rig().Ready();
        rig.ShowCode();
        Assert.Equal(PosApp.NoSound, rig.App.TakeSound());
        rig.Reply(GatewayOutcome.Paid);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
        Assert.Equal(BuzzerPattern.Paid, rig.App.TakeSound());
        Assert.Equal(PosApp.NoSound, rig.App.TakeSound());
    }

    [Fact]
    public void A_code_that_expires_or_a_gateway_cancel_asks_for_the_failure_sound_but_the_cashiers_own_cancel_is_silent()
    {
        var expired = new PosAppTests.Rig().Ready();
        expired.ShowCode();
        expired.Reply(GatewayOutcome.Expired);
        Assert.Equal(ScreenId.Expired, expired.Model.Screen);
        Assert.Equal(BuzzerPattern.Failure, expired.App.TakeSound());

        var byGateway = new PosAppTests.Rig().Ready();
        byGateway.ShowCode();
        byGateway.Reply(GatewayOutcome.Cancelled);
        Assert.Equal(ScreenId.Cancelled, byGateway.Model.Screen);
        Assert.Equal(BuzzerPattern.Failure, byGateway.App.TakeSound());

        var byCashier = new PosAppTests.Rig().Ready();
        byCashier.ShowCode();
        byCashier.Keys("A");
        byCashier.Reply(GatewayOutcome.Pending); // the long poll in flight answers first
        Assert.Equal(RequestKind.Cancel, byCashier.Next().Kind);
        byCashier.Reply(GatewayOutcome.Cancelled);
        Assert.Equal(ScreenId.Cancelled, byCashier.Model.Screen);
        Assert.Equal(PosApp.NoSound, byCashier.App.TakeSound());
    }

    [Fact]
    public void A_locked_technician_menu_says_so_on_the_panel_and_counts_the_lockout_down()
    {
        var rig = new PosAppTests.Rig().Ready();
        rig.Keys("*1111D*1111D*1111D");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
        rig.Tick(1_000);
        rig.Keys("*");
        Assert.Equal(ScreenId.TechRefused, rig.Model.Screen);
        Assert.Equal(rig.Settings.PinLockoutMs / 1000 - 1, rig.Model.LockedSeconds);
        rig.Tick(2_000);
        Assert.Equal(rig.Settings.PinLockoutMs / 1000 - 3, rig.Model.LockedSeconds);
        Assert.True(rig.App.TakeScreenChanged());
        rig.Tick(rig.Settings.EndedScreenTimeoutMs); // the notice goes away by itself
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
        rig.NoRequest();
    }

    [Fact]
    public void A_terminal_whose_self_test_failed_goes_back_to_its_failure_after_the_notice()
    {
        var rig = new PosAppTests.Rig(s => s.TechnicianPin = null);
        rig.App.Start(false, "qr.annexI");
        rig.Keys("*");
        Assert.Equal(ScreenId.TechRefused, rig.Model.Screen);
        rig.Keys("5");
        Assert.Equal(ScreenId.SelfTestFailed, rig.Model.Screen);
    }

    [Fact]
    public void PIN_entry_looks_the_same_for_a_4_and_an_8_digit_PIN_at_every_digit_typed()
    {
        var short4 = new PosAppTests.Rig(s => s.TechnicianPin = "2468").Ready();
        var long8 = new PosAppTests.Rig(s => s.TechnicianPin = "24681357").Ready();
        short4.Keys("*");
        long8.Keys("*");
        for (int typed = 0; typed <= ScreenModel.MaxPinDigits; typed++)
        {
            var a = new FrameBuffer();
            var b = new FrameBuffer();
            ScreenRenderer.Draw(short4.Model, a);
            ScreenRenderer.Draw(long8.Model, b);
            Assert.Equal(ScreenId.PinEntry, short4.Model.Screen);
            Assert.True(a.Bytes.SequenceEqual(b.Bytes), $"the screens differ after {typed} digits");
            short4.Keys("9");
            long8.Keys("9");
        }
    }

    [Fact]
    public void The_probe_page_shows_every_items_full_name_and_its_time_in_ms()
    {
        var names = new ProbeReport { PrintToConsole = false };
        Probe.Run(1, names);
        var rig = new PosAppTests.Rig().Ready();
        rig.Keys("*2468D6");
        Assert.Equal(RequestKind.Probe, rig.Next().Kind); // the probe runs at the worker
        rig.App.OnProbeDone(names);
        var lines = rig.Model.MenuLines.Take(rig.Model.MenuLineCount).ToArray();
        Assert.Equal(2 * names.Items, lines.Length);
        for (int i = 0; i < names.Items; i++)
        {
            Assert.Equal(names.Name(i), lines[2 * i]);
            Assert.Matches(@"^ +\d+\.\d{3} ms$", lines[2 * i + 1]);
        }
        Assert.All(lines, line => Assert.True(1 + Canvas.TextWidth(line) <= FrameBuffer.WidthPx, line + " is cut off"));
        Assert.True(rig.Model.MenuScrolls); // 2 and 8 scroll through them
        rig.Keys("8");
        Assert.Equal(1, rig.Model.MenuFirstLine);
    }
}
