using Xunit;
using Terminal.Drivers.Display;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Tests.Display;

/// <summary>The QR screen scans: ZXing.Net decodes the code from the virtual panel's glass pixels.</summary>
public class QrScreenTests
{
    private readonly QrEncoder _encoder = new QrEncoder(ScreenshotQr.MaxVersion);

    /// <summary>
    /// Decodes the glass as a camera would see it (lit = light, enlarged 4x, nearest neighbour) with the QR
    /// part's reader (HybridBinarizer, then GlobalHistogramBinarizer, then the pure-barcode path).
    /// </summary>
    public static string? DecodeGlass(DisplayRig rig)
    {
        const int zoom = 4;
        const int widthPx = 128;
        bool[] glass = rig.Glass();
        int w = widthPx * zoom, h = 64 * zoom;
        var lum = new byte[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                lum[y * w + x] = glass[(y / zoom) * 128 + x / zoom] ? (byte)255 : (byte)0;
        return Terminal.Tests.Qr.ZxingReference.DecodeImage((lum, w, h));
    }

    private static DisplayRig ShowCode(string payload, int controller)
    {
        var rig = new DisplayRig(controller);
        SampleScreens.Fill(rig.Model, "qr", Language.Norwegian);
        rig.Model.Qr = ScreenshotQr.Encode(payload);
        rig.Show();
        return rig;
    }

    [Theory]
    [InlineData(PanelController.Ssd1306)]
    [InlineData(PanelController.Sh1106)]
    public void The_46_character_alipay_url_decodes_from_the_glass_at_two_pixels_per_module(int controller)
    {
        Assert.Equal(46, SampleScreens.AlipayUrl.Length);
        var rig = ShowCode(SampleScreens.AlipayUrl, controller);
        Assert.Equal(2, QrScreen.ScaleFor(rig.Model.Qr!.Size));
        Assert.Equal(SampleScreens.AlipayUrl, DecodeGlass(rig));
    }

    [Fact]
    public void Payloads_of_every_length_up_to_the_largest_that_fits_decode_from_the_glass()
    {
        const string prefix = "https://qr.alipay.com/";
        var code = new QrCode(ScreenshotQr.MaxVersion);
        int largest = prefix.Length;
        while (_encoder.EncodeToFit(prefix + new string('x', largest + 1 - prefix.Length), 64, 1, code) == QrStatus.Ok) largest++;
        Assert.True(largest >= 46, "largest payload " + largest);
        Console.WriteLine("largest payload on the 64 px QR box: " + largest + " characters");
        var random = new Random(20261125);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        var lengths = new[] { 23, 32, 46, 53, 60, 78, 100, 134, largest / 2, largest - 1, largest }.Where(l => l <= largest).Distinct();
        foreach (int length in lengths)
        {
            string payload = prefix + new string(Enumerable.Range(0, length - prefix.Length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var rig = ShowCode(payload, PanelController.Ssd1306);
            Assert.Equal(payload, DecodeGlass(rig));
        }
        // One more character does not fit the 64 px box: the encoder says so and the screen says the code is too long.
        string tooLong = prefix + new string('x', largest + 1 - prefix.Length);
        Assert.NotEqual(QrStatus.Ok, _encoder.EncodeToFit(tooLong, 64, 1, code));
    }

    [Fact]
    public void Dark_modules_are_unlit_and_the_quiet_zone_is_lit()
    {
        var rig = ShowCode(SampleScreens.AlipayUrl, PanelController.Ssd1306);
        var qr = rig.Model.Qr!;
        int scale = QrScreen.ScaleFor(qr.Size);
        int origin = (QrScreen.BoxPx - qr.Size * scale) / 2;
        Assert.True(origin >= scale); // at least one module of quiet zone
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                int mx = (x - origin) / scale, my = (y - origin) / scale;
                bool inside = x >= origin && y >= origin && mx < qr.Size && my < qr.Size;
                bool dark = inside && qr.GetModule(mx, my);
                Assert.Equal(!dark, rig.Controller.GlassPixel(x, y));
            }
    }

    [Fact]
    public void Without_a_valid_code_the_screen_says_the_code_cannot_be_shown()
    {
        var rig = new DisplayRig();
        SampleScreens.Fill(rig.Model, "qr", Language.English);
        rig.Model.Qr = new QrCode(ScreenshotQr.MaxVersion); // empty: a failed encode
        rig.Show();
        Assert.Null(DecodeGlass(rig));
        int unlitInBox = 0;
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
                if (!rig.Controller.GlassPixel(x, y)) unlitInBox++;
        Assert.InRange(unlitInBox, 50, 600); // the words, drawn unlit in the lit box; no modules
    }
}
