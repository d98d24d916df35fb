using Terminal.Drivers.Sound;
using Terminal.Simulator;
using Terminal.Simulator.VirtualHardware;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// The sounds of a sale as the virtual piezo on the buzzer pin hears them: the whole firmware (keypad driver,
/// app, runner, buzzer driver, PWM adapter) on the virtual terminal, the gateway emulator over loopback.
/// </summary>
public class BuzzerEndToEndTests
{
    private static VirtualTerminal Start(bool manualClock = false, bool keyClicks = true) =>
        VirtualTerminal.Start(new VirtualTerminalOptions
        {
            ManualGatewayClock = manualClock,
            KeyClicks = keyClicks,
            TechnicianPin = "2468",
            PaidAcknowledgeGuardMs = 0,
            WaitHoldMs = 1000,
            RetryDelayMs = 200,
        });

    private static int[] Pitches(int pattern)
    {
        int[] steps = BuzzerPattern.Steps(pattern);
        var pitches = new List<int>();
        for (int i = 0; i < steps.Length; i += 2) if (steps[i] > 0) pitches.Add(steps[i]);
        return pitches.ToArray();
    }

    /// <summary>Waits until the piezo has finished the tones of a pattern after tone number <paramref name="after"/>.</summary>
    private static VirtualPiezo.Tone[] HearPattern(VirtualTerminal t, long after, int pattern)
    {
        int[] expected = Pitches(pattern);
        VirtualPiezo.Tone[] heard = Array.Empty<VirtualPiezo.Tone>();
        t.WaitFor(() =>
        {
            heard = t.Piezo.TonesAfter(after).Where(tone => tone.FrequencyHz != Pitches(BuzzerPattern.KeyClick)[0]).ToArray();
            return heard.Length >= expected.Length;
        }, TimeSpan.FromSeconds(10), BuzzerPattern.Name(pattern) + " pattern on the piezo");
        Assert.Equal(expected, heard.Select(tone => tone.FrequencyHz).ToArray());
        return heard;
    }

    [Fact]
    public void Each_key_clicks_and_PAID_sounds_its_rising_pattern_on_the_piezo()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        long before = t.Piezo.ToneCount;
        t.PressKeys("12500D");
        t.WaitFor(() => t.Piezo.TonesAfter(before).Length >= 6, TimeSpan.FromSeconds(5), "six key clicks");
        Assert.All(t.Piezo.TonesAfter(before).Take(6), tone => Assert.Equal(Pitches(BuzzerPattern.KeyClick)[0], tone.FrequencyHz));
        t.WaitForScreen("qr");

        long beforePaid = t.Piezo.ToneCount;
        var paid = t.ScanAndPay();
        Assert.True(paid.Paid, paid.Error);
        t.WaitForScreen("paid");
        var tones = HearPattern(t, beforePaid, BuzzerPattern.Paid);
        Assert.True(tones[^1].DurationMs >= 200, "the last note of PAID is the long one");
    }

    [Fact]
    public void An_expired_code_sounds_the_failure_pattern()
    {
        using var t = Start(manualClock: true);
        t.WaitForScreen("amount");
        t.PressKeys("700D");
        t.WaitForScreen("qr");
        long before = t.Piezo.ToneCount;
        t.Gateway.AdvanceClock(125);
        t.WaitForScreen("expired");
        HearPattern(t, before, BuzzerPattern.Failure);
    }

    [Fact]
    public void With_keypad_click_off_keys_are_silent_and_PAID_still_sounds()
    {
        using var t = Start(keyClicks: false);
        t.WaitForScreen("amount");
        t.PressKeys("12500D");
        t.WaitForScreen("qr");
        Assert.Empty(t.Piezo.TonesAfter(0));
        var paid = t.ScanAndPay();
        Assert.True(paid.Paid, paid.Error);
        t.WaitForScreen("paid");
        HearPattern(t, 0, BuzzerPattern.Paid);
    }

    [Fact]
    public void The_state_api_reports_the_tones_the_page_plays()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.PressKeys("1");
        t.WaitFor(() => t.Piezo.TonesAfter(0).Length >= 1, TimeSpan.FromSeconds(5), "a click");
        Assert.True(t.State().BeepCount >= 1);
    }
}
