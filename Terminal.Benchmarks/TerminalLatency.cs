using System.Diagnostics;
using Terminal.Simulator;
using Terminal.Ui;

namespace Terminal.Benchmarks;

/// <summary>
/// Whole transactions on the simulator over loopback (real keypad driver on the virtual matrix, real panel
/// driver into the virtual SSD1306, real gateway client over HTTP to the gateway server):
/// - OK taken by the app -> the frame with the complete QR flushed to the panel;
/// - the wallet's POST /wallet/pay sent -> the PAID frame flushed to the panel;
/// - bytes the firmware allocated on the UI loop thread per transaction (app, keypad, screens, QR, panel);
///   the network worker's HTTP stack is not counted.
/// Not a BenchmarkDotNet run: each figure spans threads and real I/O. Prints medians, p95 and max.
/// </summary>
public static class TerminalLatency
{
    public static void Run(int transactions)
    {
        using var terminal = VirtualTerminal.Start(new VirtualTerminalOptions { TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0 });
        terminal.WaitForScreen("amount");
        var okToQr = new List<double>();
        var payToPaid = new List<double>();
        var allocated = new List<long>();

        for (int i = 0; i < transactions + 5; i++) // the first 5 warm up (JIT, connections) and are not counted
        {
            long allocatedBefore = terminal.UiAllocatedBytes;
            terminal.PressKeys((1000 + i * 7).ToString() + "D");
            terminal.WaitForScreen("qr");
            double qrMs = Ms(terminal.LastOkTakenTimestamp, terminal.FlushTimestamp(ScreenId.Qr));

            bool[] glass = terminal.Glass();
            string? code = TouristPhone.ReadCode((x, y) => glass[y * 128 + x], 128, 64);
            if (code == null)
            {
                File.WriteAllBytes("/tmp/unreadable.png", terminal.ScreenPng(4));
                throw new InvalidOperationException("the phone could not read the code of transaction " + i);
            }
            long paySent = Stopwatch.GetTimestamp();
            var paid = terminal.Phone.Pay(code);
            if (!paid.Paid) throw new InvalidOperationException("wallet refused: " + paid.Error);
            terminal.WaitForScreen("paid");
            double paidMs = Ms(paySent, terminal.FlushTimestamp(ScreenId.Paid));
            terminal.PressKeys("D");
            terminal.WaitForScreen("amount");
            if (i < 5) continue;
            okToQr.Add(qrMs);
            payToPaid.Add(paidMs);
            allocated.Add(terminal.UiAllocatedBytes - allocatedBefore);
        }

        Console.WriteLine($"transactions: {transactions}; codes the phone read only from the lit square's grid: {TouristPhone.GridReads} of {transactions + 5}");
        Print("OK -> QR complete on the panel (ms)", okToQr);
        Print("payment -> PAID on the panel (ms)", payToPaid);
        Print("firmware bytes allocated on the UI thread per transaction", allocated.Select(b => (double)b).ToList());
    }

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static void Print(string what, List<double> values)
    {
        values.Sort();
        double P(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        Console.WriteLine($"{what}: median {P(0.5):F1}, p95 {P(0.95):F1}, max {values[^1]:F1}");
    }
}
