using System.Device.Gpio;
using Terminal.Drivers.Adapters;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;
using Terminal.Simulator.VirtualHardware;

namespace Terminal.Tests.Keypad;

/// <summary>
/// The real keypad stack on virtual hardware: MatrixKeypad over GpioKeypadLines over a .NET IoT
/// GpioController over the VirtualKeypadMatrix, all on one fake clock.
/// </summary>
public sealed class KeypadRig : IDisposable
{
    public static readonly int[] RowPins = { 13, 14, 16, 17 };
    public static readonly int[] ColumnPins = { 18, 19, 23, 25 };

    public FakeClock Clock { get; } = new(1_000);
    public VirtualKeypadMatrix Matrix { get; }
    public GpioController Controller { get; }
    public GpioKeypadLines Lines { get; }
    public KeypadTiming Timing { get; }
    public MatrixKeypad Keypad { get; }
    public List<string> Events { get; } = new();
    private readonly KeyEvent _event = new();

    public KeypadRig(int bounceMs = 0, int bounceSeed = 1, KeypadTiming? timing = null)
    {
        Matrix = new VirtualKeypadMatrix(RowPins, ColumnPins, Clock, bounceMs, bounceSeed);
        Controller = new GpioController(Matrix);
        Lines = new GpioKeypadLines(Controller, RowPins, ColumnPins);
        // Virtual wires settle at once; the real 50 us spin would only slow the host down.
        Timing = timing ?? new KeypadTiming { SettleUs = 0 };
        Keypad = new MatrixKeypad(Lines, Clock, Timing, KeypadKeymap.Standard());
    }

    /// <summary>Scans once per millisecond for the given time (finer than the driver asks for).</summary>
    public void ScanEveryMs(int ms)
    {
        for (int i = 0; i < ms; i++)
        {
            Clock.Advance(1);
            Keypad.Scan();
            Drain();
        }
    }

    /// <summary>Runs as the UI loop does: scans only when the driver says the next scan is due. Returns scans made.</summary>
    public int RunLoop(int ms)
    {
        int scans = 0;
        for (int i = 0; i < ms; i++)
        {
            Clock.Advance(1);
            if (Clock.NowMs >= Keypad.NextScanDueMs)
            {
                Keypad.Scan();
                scans++;
                Drain();
            }
        }
        return scans;
    }

    public void Drain()
    {
        while (Keypad.TryReadEvent(_event))
            Events.Add(_event.Keycap + " " + KindName(_event.Kind) + " @" + (_event.TimeMs - 1_000));
    }

    /// <summary>Events as "keycap kind", without times.</summary>
    public string[] Kinds() => Events.Select(e => e[..e.IndexOf(" @", StringComparison.Ordinal)]).ToArray();

    public static string KindName(int kind) => kind switch
    {
        KeyEventKind.Down => "Down",
        KeyEventKind.Up => "Up",
        KeyEventKind.Repeat => "Repeat",
        _ => "kind" + kind,
    };

    public void Dispose() => Controller.Dispose();
}
