using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Tests.Display;

/// <summary>Puts the 46-character Alipay-style payment code into the model for the QR sample.</summary>
public static class ScreenshotQr
{
    /// <summary>Version 11 is the largest symbol that fits 64 px at one pixel per module with a 1-module quiet zone.</summary>
    public const int MaxVersion = 11;

    private static readonly QrEncoder Encoder = new QrEncoder(MaxVersion);
    private static readonly QrCode Code = Encode(SampleScreens.AlipayUrl);

    public static QrCode Encode(string payload)
    {
        var code = new QrCode(MaxVersion);
        int status;
        lock (Encoder) status = Encoder.EncodeToFit(payload, QrScreen.BoxPx, QrScreen.QuietZoneModules, code);
        if (status != QrStatus.Ok) throw new InvalidOperationException("encode failed: " + status);
        return code;
    }

    public static void Prepare(ScreenModel m, string name)
    {
        m.Qr = name == "qr" ? Code : null;
    }
}
