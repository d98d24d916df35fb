using BenchmarkDotNet.Attributes;
using Terminal.Diagnostics;

namespace Terminal.Benchmarks;

/// <summary>The probe's own overhead: formatting one timing line must cost far less than what it times.</summary>
[MemoryDiagnoser]
public class ProbeFormatBenchmarks
{
    [Benchmark]
    public string FormatMilliseconds() => ProbeReport.Milliseconds(123_456_789);
}
