using BenchmarkDotNet.Running;

namespace Terminal.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry: `dotnet run -c Release --project Terminal.Benchmarks -- --filter '*'`.
/// Results and the machine they were taken on go to docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
