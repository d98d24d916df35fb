using CsCheck;
using Terminal.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>What a phone sees: our symbols rendered as images and read back by ZXing's reader.</summary>
public class QrDecodeRoundTripTests
{
    [Fact]
    public void Random_payloads_of_every_level_and_versions_1_to_40_read_back_from_printed_images()
    {
        var encoder = new QrEncoder(40);
        var code = new QrCode(40);
        var gen = from payload in QrPayloads.ForSmallestVersion
                  from scale in Gen.Int[2, 4]
                  from quietZone in Gen.Int[2, 4]
                  select (payload, scale, quietZone);
        Property.Check(gen, c =>
        {
            Assert.Equal(QrStatus.Ok, encoder.EncodeText(c.payload.Text, c.payload.Ecc, false, 1, 40, -1, code));
            Assert.Equal(c.payload.Version, code.Version);
            Assert.Equal(c.payload.Ecc, code.Ecc);
            Assert.Equal(c.payload.Text, ZxingReference.DecodeImage(ZxingReference.Render(code, c.scale, c.quietZone)));
        }, iterations: 120, print: c => $"{c.payload} scale {c.scale} quiet {c.quietZone}");
    }

    [Fact]
    public void Payment_urls_fitted_to_the_oled_box_read_back_from_the_lit_panel()
    {
        var encoder = new QrEncoder(QrSpec.LargestVersionWithin(64));
        var code = new QrCode(QrSpec.LargestVersionWithin(64));
        var gen = from tail in Gen.String[Gen.Char['a', 'z'], 1, 200]
                  from zoom in Gen.Int[2, 4]
                  select ("https://qr.alipay.com/" + tail, zoom);
        Property.Check(gen, c =>
        {
            Assert.Equal(QrStatus.Ok, encoder.EncodeToFit(c.Item1, 64, 1, code));
            Assert.Equal(c.Item1, ZxingReference.DecodeImage(ZxingReference.RenderPanel(code, 64, c.zoom)));
        }, iterations: 60, print: c => $"{c.Item1.Length} chars zoom {c.zoom}");
    }

    [Fact]
    public void The_46_character_payment_url_on_the_panel_is_version_3_at_2_px_per_module_and_reads_back()
    {
        var encoder = new QrEncoder(10);
        var code = new QrCode(10);
        string url = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";
        Assert.Equal(46, url.Length);
        Assert.Equal(QrStatus.Ok, encoder.EncodeToFit(url, 64, 1, code));
        Assert.Equal((3, 2, QrEcc.L, 1), (code.Version, code.Scale, code.Ecc, code.QuietZoneModules));
        Assert.Equal(url, ZxingReference.DecodeImage(ZxingReference.RenderPanel(code, 64, 1)));
        Assert.Equal(url, ZxingReference.DecodeImage(ZxingReference.RenderPanel(code, 64, 4)));
    }
}
