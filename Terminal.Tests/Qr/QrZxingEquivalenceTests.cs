using Terminal.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>Two correct encoders given the same version, level and mask must agree module for module.</summary>
public class QrZxingEquivalenceTests
{
    [Fact]
    public void Every_mask_gives_the_same_modules_as_zxing_for_random_payloads_of_every_mode_and_version()
    {
        var encoder = new QrEncoder(40);
        var code = new QrCode(40);
        Property.Check(QrPayloads.ForForcedVersion, payload =>
        {
            for (int mask = 0; mask < 8; mask++)
            {
                Assert.Equal(QrStatus.Ok, encoder.EncodeText(payload.Text, payload.Ecc, false, payload.Version, payload.Version, mask, code));
                Assert.Equal(mask, code.Mask);
                Assert.Null(ZxingReference.FirstDifference(code, ZxingReference.Encode(payload.Text, payload.Ecc, payload.Version, mask)));
            }
        }, iterations: 200, print: p => p.ToString());
    }

    [Theory]
    [InlineData("01234567", QrEcc.M, 1)]
    [InlineData("HELLO WORLD", QrEcc.Q, 1)]
    [InlineData("https://qr.alipay.com/bax03431ljhokirwl38f00a7", QrEcc.L, 3)]
    [InlineData("Blåbærsyltetøy 支付宝", QrEcc.H, 7)]
    public void Known_payloads_agree_with_zxing_for_every_mask(string text, int ecc, int version)
    {
        var encoder = new QrEncoder(version);
        var code = new QrCode(version);
        for (int mask = 0; mask < 8; mask++)
        {
            Assert.Equal(QrStatus.Ok, encoder.EncodeText(text, ecc, false, version, version, mask, code));
            Assert.Null(ZxingReference.FirstDifference(code, ZxingReference.Encode(text, ecc, version, mask)));
        }
    }

    [Fact]
    public void Empty_text_is_a_valid_symbol_that_zxing_reads_as_empty()
    {
        // ZXing's encoder cannot take "" (it tries Kanji), so its decoder is the reference here.
        var encoder = new QrEncoder(1);
        var code = new QrCode(1);
        Assert.Equal(QrStatus.Ok, encoder.EncodeText("", QrEcc.H, code));
        Assert.Equal(QrMode.Byte, code.Mode);
        Assert.Equal("", ZxingReference.DecodeMatrix(code).Text);
    }

    [Fact]
    public void Largest_version_at_full_capacity_agrees_with_zxing()
    {
        var encoder = new QrEncoder(40);
        var code = new QrCode(40);
        string digits = new string('7', QrSpec.Capacity(QrMode.Numeric, 40, QrEcc.L));
        Assert.Equal(QrStatus.Ok, encoder.EncodeText(digits, QrEcc.L, false, 40, 40, 5, code));
        Assert.Null(ZxingReference.FirstDifference(code, ZxingReference.Encode(digits, QrEcc.L, 40, 5)));
    }
}
