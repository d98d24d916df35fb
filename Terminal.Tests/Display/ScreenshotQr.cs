using Terminal.Ui;

namespace Terminal.Tests.Display;

/// <summary>Puts a payment code into the model for the QR sample (joined to Terminal.Qr when it lands).</summary>
public static class ScreenshotQr
{
    public static void Prepare(ScreenModel m, string name)
    {
    }
}
