using Xunit;
using Terminal.Diagnostics;
using Terminal.Ui;

namespace Terminal.Tests.Display;

public class DisplaySelfTestTests
{
    [Fact]
    public void The_display_self_test_items_pass()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        DisplaySelfTest.Run(report);
        var lines = Enumerable.Range(0, report.LineCount).Select(report.Line).ToList();
        Assert.True(report.AllPassed, string.Join("\n", lines));
        Assert.Equal(4, report.Passed);
    }

    [Fact]
    public void A_corrupted_expectation_is_reported_as_fail()
    {
        var report = new SelfTestReport { PrintToConsole = false, CorruptedItem = "display.flush.sh1106" };
        DisplaySelfTest.Run(report);
        Assert.Equal("display.flush.sh1106", report.FirstFailedItem);
    }

    [Fact]
    public void The_frame_checksum_constant_matches_an_independent_computation_from_the_virtual_glass()
    {
        var rig = new DisplayRig();
        rig.Model.Screen = ScreenId.Amount;
        rig.Model.Language = Language.Norwegian;
        rig.Model.SetAmount("125,00");
        rig.Model.CurrencyCode = "NOK";
        rig.Show();
        // Rebuild the page layout from glass pixels, then FNV-1a with System.IO.Hashing-free reference code.
        var bytes = new byte[1024];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 128; x++)
                if (rig.Controller.GlassPixel(x, y)) bytes[x + (y / 8) * 128] |= (byte)(1 << (y % 8));
        uint hash = 2166136261;
        foreach (byte b in bytes) hash = unchecked((hash ^ b) * 16777619);
        Assert.Equal(DisplaySelfTest.AmountScreenFnv1a, hash);
    }

    [Fact]
    public void The_probe_times_the_display_items()
    {
        var probe = new ProbeReport();
        var saved = Console.Out;
        var text = new StringWriter();
        Console.SetOut(text);
        try { DisplaySelfTest.Run(probe, 3); }
        finally { Console.SetOut(saved); }
        Assert.Equal(4, probe.Items);
        Assert.Contains("display.render.qr reps=3", text.ToString());
        Assert.Contains("display.flush.onePage reps=3", text.ToString());
    }
}
