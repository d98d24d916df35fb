using Xunit;
using Terminal.Drivers.Adapters;
using Terminal.Drivers.Sound;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Timing;
using Terminal.Simulator.VirtualHardware;

namespace Terminal.Tests.Sound;

/// <summary>The buzzer driver through the real PWM adapter on the virtual piezo, on one fake clock.</summary>
public class BuzzerTests
{
    private readonly FakeClock _clock = new(5_000);
    private readonly VirtualPiezo _piezo;
    private readonly Buzzer _buzzer;

    public BuzzerTests()
    {
        _piezo = new VirtualPiezo(_clock);
        _buzzer = new Buzzer(new PwmToneOutput(_piezo), _clock);
    }

    /// <summary>Runs the UI loop's calls for the given time, one pass every passMs.</summary>
    private void Run(int ms, int passMs = 1)
    {
        for (int t = 0; t < ms; t += passMs)
        {
            _clock.Advance(passMs);
            _buzzer.Update();
        }
    }

    private (int Hz, long Ms)[] Heard() => _piezo.TonesAfter(0).Select(t => (t.FrequencyHz, t.DurationMs)).ToArray();

    [Fact]
    public void Paid_sounds_as_three_rising_tones_of_the_patterns_lengths_with_pauses_between()
    {
        _buzzer.Play(BuzzerPattern.Paid);
        Run(1_000);
        Assert.Equal(new[] { (2637, 90L), (3136, 90L), (4186, 220L) }, Heard());
        var tones = _piezo.TonesAfter(0);
        Assert.Equal(30, tones[1].StartMs - (tones[0].StartMs + tones[0].DurationMs)); // the pause is silence
        Assert.False(_piezo.Sounding);
        Assert.False(_buzzer.IsPlaying);
    }

    [Fact]
    public void Failure_falls_and_lasts_longer_than_paid_so_the_ear_tells_them_apart()
    {
        _buzzer.Play(BuzzerPattern.Failure);
        Run(2_000);
        var failure = Heard();
        Assert.Equal(new[] { (2093, 250L), (1568, 450L) }, failure);
        Assert.True(failure[1].Hz < failure[0].Hz);
        Assert.True(failure.Sum(t => t.Ms) > 90 + 90 + 220);
    }

    [Fact]
    public void A_key_click_is_one_short_high_tone()
    {
        _buzzer.Play(BuzzerPattern.KeyClick);
        Run(100);
        Assert.Equal(new[] { (4000, 8L) }, Heard());
    }

    [Fact]
    public void A_key_pressed_while_paid_plays_does_not_cut_the_paid_pattern_short()
    {
        _buzzer.Play(BuzzerPattern.Paid);
        Run(50);
        _buzzer.Play(BuzzerPattern.KeyClick);
        Run(1_000);
        Assert.Equal(new[] { 2637, 3136, 4186 }, Heard().Select(t => t.Hz));
    }

    [Fact]
    public void Paid_replaces_a_click_that_is_still_sounding()
    {
        _buzzer.Play(BuzzerPattern.KeyClick);
        Run(3);
        _buzzer.Play(BuzzerPattern.Paid);
        Run(1_000);
        Assert.Equal(new[] { (4000, 3L), (2637, 90L), (3136, 90L), (4186, 220L) }, Heard());
    }

    [Fact]
    public void With_key_clicks_switched_off_keys_are_silent_but_paid_still_sounds()
    {
        _buzzer.KeyClicks = false;
        _buzzer.Play(BuzzerPattern.KeyClick);
        Run(100);
        Assert.Empty(Heard());
        _buzzer.Play(BuzzerPattern.Paid);
        Run(1_000);
        Assert.Equal(3, Heard().Length);
    }

    [Fact]
    public void A_slow_ui_loop_keeps_the_patterns_length_instead_of_stretching_every_step()
    {
        _buzzer.Play(BuzzerPattern.Paid);
        Run(2_000, passMs: 20);
        var tones = _piezo.TonesAfter(0);
        Assert.Equal(3, tones.Length);
        long total = tones[^1].StartMs + tones[^1].DurationMs - tones[0].StartMs;
        Assert.InRange(total, 90 + 30 + 90 + 30 + 220, 90 + 30 + 90 + 30 + 220 + 20); // within one pass
    }

    [Fact]
    public void An_unknown_pattern_is_ignored_and_stop_silences_at_once()
    {
        _buzzer.Play(42);
        Assert.False(_buzzer.IsPlaying);
        _buzzer.Play(BuzzerPattern.Failure);
        Run(10);
        _buzzer.Stop();
        Assert.False(_piezo.Sounding);
        Assert.Equal(new[] { (2093, 10L) }, Heard());
    }

    [Fact]
    public void Playing_and_stepping_patterns_allocates_nothing()
    {
        var output = new CountingToneOutput();
        var buzzer = new Buzzer(output, _clock);
        buzzer.Play(BuzzerPattern.Paid); // first use warms up the code paths
        for (int i = 0; i < 500; i++) { _clock.Advance(1); buzzer.Update(); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
        {
            buzzer.Play(round % 2 == 0 ? BuzzerPattern.Paid : BuzzerPattern.Failure);
            for (int i = 0; i < 1_000; i++) { _clock.Advance(1); buzzer.Update(); }
            buzzer.Play(BuzzerPattern.KeyClick);
            for (int i = 0; i < 20; i++) { _clock.Advance(1); buzzer.Update(); }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(output.Starts > 20 * 2);
    }

    [Fact]
    public void The_adapter_drives_the_channel_at_half_duty_and_refuses_a_silly_frequency()
    {
        var output = new PwmToneOutput(_piezo);
        Assert.Equal(0.5, _piezo.DutyCycle);
        Assert.Throws<ArgumentOutOfRangeException>(() => output.StartTone(0));
        output.StartTone(3000);
        output.StartTone(3500); // a pitch change while sounding: a new tone, no stop in between
        _clock.Advance(5);
        output.StopTone();
        Assert.Equal(new[] { (3000, 0L), (3500, 5L) }, Heard());
    }

    private sealed class CountingToneOutput : IToneOutput
    {
        public int Starts;
        public int Stops;
        public void StartTone(int frequencyHz) => Starts++;
        public void StopTone() => Stops++;
    }
}

/// <summary>The virtual piezo as the simulator's hardware: what it keeps and what it costs the UI thread.</summary>
public class VirtualPiezoTests
{
    [Fact]
    public void It_keeps_the_last_64_tones_oldest_first_and_recording_allocates_nothing()
    {
        var clock = new FakeClock(0);
        var piezo = new VirtualPiezo(clock);
        var output = new PwmToneOutput(piezo);
        void Beep(int hz) { output.StartTone(hz); clock.Advance(3); output.StopTone(); clock.Advance(2); }
        Beep(1000); // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 100; i++) Beep(1000 + i);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        var kept = piezo.TonesAfter(0);
        Assert.Equal(VirtualPiezo.KeptTones, kept.Length);
        Assert.Equal(Enumerable.Range(100 - VirtualPiezo.KeptTones + 1, VirtualPiezo.KeptTones).Select(n => (long)n), kept.Select(t => t.Number));
        Assert.Equal(1099, kept[^1].FrequencyHz);
        Assert.All(kept, t => Assert.Equal(3, t.DurationMs));
        Assert.Equal(new long[] { 100 }, piezo.TonesAfter(99).Select(t => t.Number));
    }

    [Fact]
    public void A_constant_level_makes_no_sound()
    {
        var clock = new FakeClock(0);
        var piezo = new VirtualPiezo(clock);
        piezo.DutyCycle = 1.0;
        piezo.Start();
        clock.Advance(10);
        piezo.Stop();
        Assert.Empty(piezo.TonesAfter(0));
        Assert.False(piezo.Sounding);
    }
}
