using CsCheck;

namespace Terminal.Tests;

/// <summary>
/// Deterministic property-based testing on CsCheck: the cases come from seeds drawn from a fixed generator,
/// so every run checks the same cases; a failing case is shrunk by CsCheck, which prints the seed that
/// reproduces it. Use this instead of Gen.Sample, whose later iterations are random on every run.
/// </summary>
public static class Property
{
    public static void Check<T>(Gen<T> gen, Action<T> assert, int iterations, ulong seed = 20261125, Func<T, string>? print = null)
    {
        var seeds = new PCG(1, seed);
        for (int i = 0; i < iterations; i++)
        {
            string caseSeed = new PCG(1, seeds.Next64()).ToString();
            gen.Sample(assert, seed: caseSeed, iter: 1, threads: 1, print: print);
        }
    }
}
