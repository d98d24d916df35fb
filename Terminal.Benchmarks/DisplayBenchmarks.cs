using BenchmarkDotNet.Attributes;
using Terminal.Diagnostics;
using Terminal.Drivers.Display;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Benchmarks;

/// <summary>
/// Drawing and flushing on the host (the device is timed by the probe's display items): drawing a whole screen,
/// a digit key (redraw + one/two-page flush) and a full-frame flush into a bus that discards. Allocations must
/// be zero.
/// </summary>
[MemoryDiagnoser]
public class DisplayBenchmarks
{
    private readonly FrameBuffer _frame = new FrameBuffer();
    private readonly ScreenModel _model = new ScreenModel();
    private readonly OledPanel _panel = new OledPanel(new RecordingPanelBus(0), PanelController.Ssd1306);
    private readonly ScreenModel _qrModel = new ScreenModel();
    private bool _toggle;

    [GlobalSetup]
    public void Setup()
    {
        _model.Screen = ScreenId.Amount;
        _model.SetAmount("125,00");
        ScreenRenderer.Draw(_model, _frame);
        _panel.Flush(_frame);
        var code = new QrCode(4);
        new QrEncoder(4).EncodeToFit("https://qr.alipay.com/bax03431ljhokirwl38f00a7", QrScreen.BoxPx, QrScreen.QuietZoneModules, code);
        _qrModel.Screen = ScreenId.Qr;
        _qrModel.SetAmount("125,00");
        _qrModel.Qr = code;
    }

    /// <summary>The QR screen with the 46-character URL (version 3, 2 px per module); encoding not included.</summary>
    [Benchmark]
    public void DrawQrScreen() => ScreenRenderer.Draw(_qrModel, _frame);

    [Benchmark]
    public void DrawAmountScreen() => ScreenRenderer.Draw(_model, _frame);

    [Benchmark]
    public void DigitKeyDrawAndFlush()
    {
        _toggle = !_toggle;
        _model.SetAmount(_toggle ? "1 250,00" : "125,00");
        ScreenRenderer.Draw(_model, _frame);
        _panel.Flush(_frame);
    }

    [Benchmark]
    public void FullFrameFlush()
    {
        _frame.InvertRect(0, 0, FrameBuffer.WidthPx, FrameBuffer.HeightPx);
        _panel.Flush(_frame);
    }
}
