using Xunit;
using Terminal.Diagnostics;
using Terminal.Drivers.Display;
using Terminal.Ui;

namespace Terminal.Tests.Display;

/// <summary>The performance bar, measured on the virtual controller's bus counter and the GC's allocation counter.</summary>
public class DisplayBudgetTests
{
    /// <summary>One page on the bus: address + 0x00 B0+p low high, then address + 0x40 and 128 data bytes.</summary>
    public const int PageBusBytes = (1 + 4) + (1 + 1 + 128);

    [Theory]
    [InlineData("1", "12")]
    [InlineData("12", "125")]
    [InlineData("1 250,00", "12 500,00")]
    public void A_digit_key_on_the_amount_screen_sends_at_most_two_pages(string before, string after)
    {
        var rig = new DisplayRig();
        rig.Model.Screen = ScreenId.Amount;
        rig.Model.SetAmount(before);
        rig.Show();
        rig.Model.SetAmount(after);
        long bytes = rig.Show();
        Assert.True(rig.Panel.PagesSentLastFlush <= 2, rig.Panel.PagesSentLastFlush + " pages");
        Assert.True(bytes <= 2 * PageBusBytes, bytes + " bytes");
    }

    [Fact]
    public void Any_screen_change_costs_at_most_one_frame_plus_addressing()
    {
        var rig = new DisplayRig();
        foreach (var (code, _) in SampleScreens.Languages)
            foreach (string from in SampleScreens.Names)
            {
                SampleScreens.Fill(rig.Model, from, code);
                rig.Show();
                foreach (string to in new[] { "amount", "paid", "display-test" })
                {
                    SampleScreens.Fill(rig.Model, to, code);
                    long bytes = rig.Show();
                    Assert.True(bytes <= 8 * PageBusBytes, $"{from} -> {to}: {bytes} bytes");
                }
            }
    }

    /// <summary>The bus bytes column of the table in docs/benchmarks.md ("## Display"), by the row's first words.</summary>
    private static long DocumentedBusBytes(string rowStart)
    {
        string row = File.ReadAllLines(RepoPaths.Combine("docs", "benchmarks.md"))
            .Single(l => l.StartsWith("| " + rowStart, StringComparison.Ordinal));
        return long.Parse(row.Split('|', StringSplitOptions.TrimEntries)[3]);
    }

    /// <summary>The figures quoted in docs/benchmarks.md ("## Display") are what the virtual controller counts.</summary>
    [Fact]
    public void The_bus_figures_in_the_benchmark_notes_are_what_the_virtual_controller_counts()
    {
        var rig = new DisplayRig();
        rig.Model.Screen = ScreenId.Amount;
        rig.Model.SetAmount("0,00");
        Assert.Equal(DocumentedBusBytes("power-up"), rig.Show());
        rig.Model.SetAmount("0,01");
        Assert.Equal(DocumentedBusBytes("a digit key"), rig.Show());
        rig.Model.SetAmount("12 500,00");
        Assert.Equal(DocumentedBusBytes("a digit key"), rig.Show());
        SampleScreens.Fill(rig.Model, "paid", Language.Norwegian);
        Assert.Equal(DocumentedBusBytes("a change to a different screen"), rig.Show());
        Assert.Equal(DocumentedBusBytes("redrawing an unchanged screen"), rig.Show());
    }

    [Fact]
    public void A_tick_of_the_qr_countdown_sends_one_page()
    {
        var rig = new DisplayRig();
        SampleScreens.Fill(rig.Model, "qr", Language.Norwegian);
        ScreenshotQr.Prepare(rig.Model, "qr");
        rig.Show();
        rig.Model.SecondsLeft--;
        Assert.Equal(DocumentedBusBytes("a tick of the QR"), rig.Show());
    }

    [Fact]
    public void Drawing_any_screen_and_flushing_it_allocates_nothing_after_warm_up()
    {
        var bus = new RecordingPanelBus(0);
        var panel = new OledPanel(bus, PanelController.Sh1106);
        var frame = new FrameBuffer();
        var models = new List<ScreenModel>();
        foreach (var (code, _) in SampleScreens.Languages)
            foreach (string name in SampleScreens.Names)
            {
                var m = new ScreenModel();
                SampleScreens.Fill(m, name, code);
                ScreenshotQr.Prepare(m, name);
                models.Add(m);
            }
        foreach (var m in models) { ScreenRenderer.Draw(m, frame); panel.Flush(frame); }
        foreach (var m in models)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            ScreenRenderer.Draw(m, frame);
            panel.Flush(frame);
            m.SecondsLeft++;
            ScreenRenderer.Draw(m, frame);
            panel.Flush(frame);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, ScreenId.Name(m.Screen) + " allocated " + allocated + " bytes");
        }
    }

    [Fact]
    public void Flushing_through_the_real_i2c_adapter_allocates_nothing_after_warm_up()
    {
        var rig = new DisplayRig();
        rig.Frame.FillPages(0x0F, 0xF0);
        for (int i = 0; i < 20; i++) // warm-up; also grows the virtual controller's command log once
        {
            rig.Frame.InvertRect(0, 0, 128, 64);
            rig.Panel.Flush(rig.Frame);
        }
        rig.Controller.ResetCounters(); // keeps the log's capacity
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            rig.Frame.InvertRect(0, 0, 128, 64);
            rig.Panel.Flush(rig.Frame);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before - 0);
    }
}
