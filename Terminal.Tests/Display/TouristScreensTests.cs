using Xunit;
using Terminal.Drivers.Display;
using Terminal.Ui;
using Terminal.Ui.Fonts;

namespace Terminal.Tests.Display;

/// <summary>
/// The tourist's Chinese lines on the screens the tourist reads, on both panels and in both cashier languages,
/// seen on the virtual controller's glass; and the QR beside them still at its size and still scanning.
/// </summary>
public class TouristScreensTests
{
    public static TheoryData<string, int, int> ScreensLanguagesPanels()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string screen in new[] { "qr", "paid", "cancelled", "cancelled-restart", "expired" })
            foreach (var (language, _) in SampleScreens.Languages)
                foreach (int controller in new[] { PanelController.Ssd1306, PanelController.Sh1106 })
                    data.Add(screen, language, controller);
        return data;
    }

    private static string TouristLineOf(string screen) => screen switch
    {
        "qr" => TouristTexts.ScanWithAlipay,
        "paid" => TouristTexts.Paid,
        "expired" => TouristTexts.Expired,
        _ => TouristTexts.Cancelled,
    };

    private static DisplayRig Show(string screen, int language, int controller)
    {
        var rig = new DisplayRig(controller);
        SampleScreens.Fill(rig.Model, screen, language);
        ScreenshotQr.Prepare(rig.Model, screen);
        rig.Show();
        return rig;
    }

    [Theory]
    [MemberData(nameof(ScreensLanguagesPanels))]
    public void The_tourists_chinese_line_is_on_the_glass_whole_and_apart_from_other_drawing(string screen, int language, int controller)
    {
        bool[] glass = Show(screen, language, controller).Glass();
        string line = TouristLineOf(screen);
        var alone = new FrameBuffer();
        int width = Canvas.TouristText(alone, line, 0, 0, true);
        (int X, int Y)? found = null;
        for (int y = 0; y + CjkFont.HeightPx <= 64 && found == null; y++)
            for (int x = 0; x + width <= 128 && found == null; x++)
                if (Matches(glass, alone, x, y, width)) found = (x, y);
        Assert.True(found != null, $"'{line}' not found on the {screen} screen");
        // Nothing else touches it: its one-pixel surround is dark (the last column of a glyph is its own gap).
        var (fx, fy) = found!.Value;
        for (int x = fx - 1; x <= fx + width; x++)
        {
            if (x < 0 || x >= 128) continue;
            if (fy > 0) Assert.False(glass[(fy - 1) * 128 + x], $"pixel above the line at x {x}");
            if (fy + CjkFont.HeightPx < 64) Assert.False(glass[(fy + CjkFont.HeightPx) * 128 + x], $"pixel below the line at x {x}");
        }
    }

    private static bool Matches(bool[] glass, FrameBuffer alone, int atX, int atY, int width)
    {
        for (int y = 0; y < CjkFont.HeightPx; y++)
            for (int x = 0; x < width; x++)
                if (glass[(atY + y) * 128 + atX + x] != alone.GetPixel(x, y)) return false;
        return true;
    }

    [Theory]
    [InlineData(PanelController.Ssd1306, Language.Norwegian)]
    [InlineData(PanelController.Ssd1306, Language.English)]
    [InlineData(PanelController.Sh1106, Language.Norwegian)]
    [InlineData(PanelController.Sh1106, Language.English)]
    public void Beside_the_chinese_line_the_code_keeps_its_64_px_box_and_two_pixels_per_module_and_scans(int controller, int language)
    {
        var rig = Show("qr", language, controller);
        Assert.Equal(2, QrScreen.ScaleFor(rig.Model.Qr!.Size));
        Assert.Equal(SampleScreens.AlipayUrl, QrScreenTests.DecodeGlass(rig));
        bool[] glass = rig.Glass();
        for (int y = 0; y < 64; y++)
        {
            Assert.True(glass[y * 128 + 0] && glass[y * 128 + QrScreen.BoxPx - 1], $"the lit box's edges at row {y}");
            for (int x = QrScreen.BoxPx; x < QrScreen.SideX; x++) Assert.False(glass[y * 128 + x], $"the gap beside the box at ({x}, {y})");
        }
    }

    [Theory]
    [InlineData("125,00")]
    [InlineData("9 999,99")]
    [InlineData("99 999 999,99")]
    public void The_amount_beside_the_code_keeps_a_margin_from_the_panels_top_and_right_edges(string amount)
    {
        foreach (var (language, _) in SampleScreens.Languages)
        {
            var rig = new DisplayRig();
            SampleScreens.Fill(rig.Model, "qr", language);
            ScreenshotQr.Prepare(rig.Model, "qr");
            rig.Model.SetAmount(amount);
            rig.Show();
            bool[] glass = rig.Glass();
            for (int y = 0; y < 64; y++)
                for (int x = 128 - QrScreen.RightMarginPx; x < 128; x++)
                    Assert.False(glass[y * 128 + x], $"lit pixel ({x}, {y}) in the right margin with amount {amount}");
            for (int x = QrScreen.SideX; x < 128; x++) Assert.False(glass[x], $"lit pixel ({x}, 0) on the top edge with amount {amount}");
        }
    }

    [Theory]
    [MemberData(nameof(FontAndTextTests.LanguageCodes), MemberType = typeof(FontAndTextTests))]
    public void Every_tourist_line_fits_where_its_screen_puts_it(int language)
    {
        Assert.True(Canvas.TouristWidth(TouristTexts.ScanWithAlipay) <= QrScreen.SideWidthPx);
        Assert.Equal(1, Canvas.WrappedLineCount(Texts.Get(Texts.ScanToPay, language), QrScreen.SideWidthPx));
        Assert.True(Canvas.TouristWidth(TouristTexts.Paid) <= 124);
        foreach (string line in new[] { TouristTexts.Cancelled, TouristTexts.Expired })
            Assert.True(Canvas.TextWidth(Texts.Get(Texts.PressAnyKey, language)) + SmallFont.AdvancePx + Canvas.TouristWidth(line) <= 124, line);
    }
}
