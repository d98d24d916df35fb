using BenchmarkDotNet.Attributes;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;
using Terminal.Money;

namespace Terminal.Benchmarks;

/// <summary>
/// The cashier's side on the host: one 4x4 keypad scan (in-memory lines, a key going down and up every 40
/// scans), one amount-entry key press, one amount formatted into a kept buffer. All must allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class KeypadBenchmarks
{
    private readonly FakeClock _clock = new(0);
    private readonly MemoryKeypadLines _lines = new(4);
    private readonly KeyEvent _event = new();
    private readonly AmountEntry _entry = new(CurrencyTable.Nok);
    private readonly char[] _text = new char[MoneyFormat.MaxChars];
    private MatrixKeypad _keypad = null!;
    private int _scans;

    [GlobalSetup]
    public void Setup() => _keypad = new MatrixKeypad(_lines, _clock, new KeypadTiming { SettleUs = 0 }, KeypadKeymap.Standard());

    [Benchmark]
    public int ScanOnce()
    {
        int phase = _scans++ % 40;
        if (phase == 0) _lines.SetKey(2, 2, true);
        if (phase == 20) _lines.SetKey(2, 2, false);
        _clock.Advance(5);
        _keypad.Scan();
        int events = 0;
        while (_keypad.TryReadEvent(_event)) events++;
        return events;
    }

    [Benchmark]
    public int EntryDigitAndBackspace() => _entry.Press('7') + _entry.Press('B');

    [Benchmark]
    public int FormatNorwegian() => MoneyFormat.Write(123_456_789, CurrencyTable.Nok, Language.Norwegian, _text, 0);
}
