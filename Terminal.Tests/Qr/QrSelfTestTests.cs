using Terminal.Diagnostics;
using Terminal.Qr;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>The power-on self-test's QR items pass, catch a wrong answer, and their constant comes from ZXing.</summary>
public class QrSelfTestTests
{
    private static SelfTestReport Run()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        QrSelfTest.Run(report);
        return report;
    }

    [Fact]
    public void All_qr_self_test_items_pass()
    {
        var report = Run();
        Assert.Equal(new[] { "qr.annexI PASS", "qr.helloWorld.ecc PASS", "qr.paymentUrl.shape PASS", "qr.paymentUrl.modules PASS", "qr.tooLong PASS" },
            Enumerable.Range(0, report.LineCount).Select(report.Line));
    }

    [Fact]
    public void The_payment_url_checksum_constant_is_computed_from_zxings_matrix()
    {
        var encoder = new QrEncoder(10);
        var code = new QrCode(10);
        Assert.Equal(QrStatus.Ok, encoder.EncodeToFit(QrSelfTest.PaymentUrl46, QrScreen.BoxPx, QrScreen.QuietZoneModules, code));
        bool[][] zxing = ZxingReference.Encode(QrSelfTest.PaymentUrl46, code.Ecc, code.Version, code.Mask);
        // FNV-1a 32 written again here, over ZXing's modules row by row.
        uint hash = 2166136261;
        foreach (bool[] row in zxing)
            foreach (bool dark in row)
                hash = (hash ^ (dark ? 1u : 0u)) * 16777619;
        Assert.Equal(QrSelfTest.PaymentUrl46Checksum, hash);
    }

    [Fact]
    public void The_probe_times_both_qr_encodes()
    {
        var probe = new ProbeReport { PrintToConsole = false }; // the console is left alone: tests run in parallel
        QrProbe.Run(probe, 3);
        Assert.Equal(new[] { "qr.encode.url46.fit64", "qr.encode.url250.M" }, Enumerable.Range(0, probe.Items).Select(probe.Name));
        Assert.Equal(300, QrProbe.LongUrl(300).Length);
    }

    [Fact]
    public void The_probe_s_long_url_is_the_longest_kind_of_code_the_terminal_s_encoder_holds_at_ecc_m()
    {
        // The probe runs on the terminal's own encoder, sized for the largest version the QR screen shows.
        var encoder = new QrEncoder(QrScreen.MaxVersion);
        var code = new QrCode(QrScreen.MaxVersion);
        Assert.Equal(QrStatus.Ok, encoder.EncodeText(QrProbe.LongUrl(QrProbe.LongUrlChars), QrEcc.M, false, 1, QrScreen.MaxVersion, -1, code));
        Assert.Equal(QrScreen.MaxVersion, code.Version);
    }
}
