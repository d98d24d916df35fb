using System.Diagnostics;
using Terminal.Qr;
using Xunit;
using Xunit.Abstractions;
namespace Terminal.Tests.Qr;
public class ScratchPerf(ITestOutputHelper log)
{
    [Fact]
    public void Perf()
    {
        var encoder = new QrEncoder(40);
        var code = new QrCode(40);
        string url = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";
        for (int i = 0; i < 3000; i++) encoder.EncodeText(url, QrEcc.M, false, 1, 40, -1, code);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 3000; i++) encoder.EncodeText(url, QrEcc.M, false, 1, 40, -1, code);
        log.WriteLine($"full auto {sw.Elapsed.TotalMicroseconds / 3000:F1} us v{code.Version}");
        sw.Restart();
        for (int i = 0; i < 3000; i++) encoder.EncodeText(url, QrEcc.M, false, 1, 40, 3, code);
        log.WriteLine($"forced mask {sw.Elapsed.TotalMicroseconds / 3000:F1} us");
        int size = code.Size;
        var m = new byte[size * size];
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) m[y * size + x] = code.GetModule(x, y) ? (byte)1 : (byte)0;
        var h = new int[7];
        sw.Restart();
        for (int i = 0; i < 3000; i++) QrPenalty.RunPenalty(m, size, h);
        log.WriteLine($"run penalty {sw.Elapsed.TotalMicroseconds / 3000:F2} us");
        sw.Restart();
        for (int i = 0; i < 3000; i++) QrPenalty.BlockPenalty(m, size);
        log.WriteLine($"block penalty {sw.Elapsed.TotalMicroseconds / 3000:F2} us");
        sw.Restart();
        for (int i = 0; i < 3000; i++) QrPenalty.BalancePenalty(m, size);
        log.WriteLine($"balance penalty {sw.Elapsed.TotalMicroseconds / 3000:F2} us");
        var dm = new byte[size * size]; Array.Fill(dm, (byte)1);
        sw.Restart();
        for (int i = 0; i < 3000; i++) QrMaskPattern.Apply(i & 7, m, dm, size);
        log.WriteLine($"mask apply {sw.Elapsed.TotalMicroseconds / 3000:F2} us");
    }
}
