using Xunit;
using Terminal.Diagnostics;
using Terminal.Ui;
using Terminal.Simulator.VirtualHardware;

namespace Terminal.Tests.Display;

public class DisplaySelfTestTests
{
    [Fact]
    public void The_display_self_test_items_pass()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        DisplaySelfTest.Run(report);
        var lines = Enumerable.Range(0, report.LineCount).Select(report.Line).ToList();
        Assert.Equal(new[] { "display.amountScreen PASS", "display.flush.ssd1306 PASS", "display.flush.sh1106 PASS", "display.flush.onePageBytes PASS" }, lines);
    }

    [Fact]
    public void The_frame_checksum_constant_is_that_of_the_reviewed_reference_image_of_the_amount_screen()
    {
        // The oracle is the reviewed PNG (References/amount.no.png: "125,00 NOK" in Norwegian), not the renderer:
        // rebuild the panel's page layout from its pixels, then FNV-1a 32 written out here.
        bool[] pixels = PngWriter.ReadMonochrome(File.ReadAllBytes(ScreenshotTests.ReferencePath("amount", "no")), out int w, out int h);
        Assert.Equal((128, 64), (w, h));
        var bytes = new byte[1024];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 128; x++)
                if (pixels[y * 128 + x]) bytes[x + (y / 8) * 128] |= (byte)(1 << (y % 8));
        uint hash = 2166136261;
        foreach (byte b in bytes) hash = unchecked((hash ^ b) * 16777619);
        Assert.Equal(DisplaySelfTest.AmountScreenFnv1a, hash);
    }

    [Fact]
    public void The_probe_times_the_display_items()
    {
        var probe = new ProbeReport { PrintToConsole = false }; // the console is left alone: tests run in parallel
        DisplaySelfTest.Run(probe, 3);
        Assert.Equal(new[] { "display.render.amount", "display.render.qr", "display.flush.full", "display.flush.onePage" },
            Enumerable.Range(0, probe.Items).Select(probe.Name));
    }
}
