using Xunit;
using Terminal.Drivers.Adapters;
using Terminal.Drivers.Display;
using Terminal.Simulator.VirtualHardware;
using Terminal.Ui;

namespace Terminal.Tests.Display;

/// <summary>
/// The real display chain on virtual hardware: ScreenRenderer -> FrameBuffer -> OledPanel -> I2cPanelBus ->
/// a fake System.Device.I2c device -> the virtual SSD1306/SH1106 controller.
/// </summary>
public sealed class DisplayRig
{
    public DisplayRig(int controller = PanelController.Ssd1306)
    {
        Controller = new VirtualOledController(controller);
        Device = new VirtualI2cDevice(Controller);
        Bus = new I2cPanelBus(Device);
        Panel = new OledPanel(Bus, controller);
    }

    public VirtualOledController Controller { get; }
    public VirtualI2cDevice Device { get; }
    public I2cPanelBus Bus { get; }
    public OledPanel Panel { get; }
    public FrameBuffer Frame { get; } = new FrameBuffer();
    public ScreenModel Model { get; } = new ScreenModel();

    /// <summary>Draws the model's screen and flushes it; returns the bus bytes this took.</summary>
    public long Show()
    {
        long before = Controller.BusBytes;
        ScreenRenderer.Draw(Model, Frame);
        Assert.True(Panel.Flush(Frame), "flush failed");
        return Controller.BusBytes - before;
    }

    public long Flush()
    {
        long before = Controller.BusBytes;
        Assert.True(Panel.Flush(Frame), "flush failed");
        return Controller.BusBytes - before;
    }

    /// <summary>The glass, row-major, lit = true.</summary>
    public bool[] Glass()
    {
        var lit = new bool[128 * 64];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 128; x++)
                lit[y * 128 + x] = Controller.GlassPixel(x, y);
        return lit;
    }

    /// <summary>The frame buffer's pixels, row-major, for comparison with the glass.</summary>
    public static bool[] Pixels(FrameBuffer frame)
    {
        var lit = new bool[128 * 64];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 128; x++)
                lit[y * 128 + x] = frame.GetPixel(x, y);
        return lit;
    }
}
