using BenchmarkDotNet.Running;

namespace Terminal.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry: `dotnet run -c Release --project Terminal.Benchmarks -- --filter '*'`.
/// `-- gateway-latency [payments]` instead measures payment -> PAID over loopback, and `-- terminal-latency [n]`
/// whole transactions on the simulator, `-- alipay-latency [sales]` the Alipay connector against the Alipay
/// emulator (none of them is a BenchmarkDotNet run).
/// Results and the machine they were taken on go to docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "gateway-latency")
        {
            GatewayLatency.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50);
            return;
        }
        if (args.Length > 0 && args[0] == "alipay-latency")
        {
            AlipayLatency.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100);
            return;
        }
        if (args.Length > 0 && args[0] == "terminal-latency")
        {
            TerminalLatency.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
