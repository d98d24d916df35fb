using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Terminal.Tests.Firmware;

/// <summary>
/// Compiles firmware sources the way the gate build does (Gate/Firmware.Gate.props): nanoFramework's
/// mscorlib as the only reference, symbol NANOFRAMEWORK, the repository's LangVersion, and every .cs file
/// of Terminal/ and Terminal.Drivers/ outside Adapters/, Device/ and Host/. Used to plant offenders.
/// </summary>
public static class GateCompiler
{
    public static readonly string[] FirmwareProjects = { "Terminal.Drivers", "Terminal" };
    public static readonly string[] ExcludedFolders = { "Adapters", "Device", "Host", "bin", "obj" };

    public static IEnumerable<string> FirmwareSources()
    {
        foreach (string project in FirmwareProjects)
        {
            string root = RepoPaths.Combine(project);
            foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                string first = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0];
                if (Array.IndexOf(ExcludedFolders, first) < 0) yield return file;
            }
        }
    }

    public sealed record Result(bool Success, IReadOnlyList<Diagnostic> Errors, byte[] Image);

    /// <summary>The one LangVersion of Directory.Build.props, so the planted compile matches the gate.</summary>
    public static LanguageVersion RepositoryLanguageVersion()
    {
        string props = File.ReadAllText(RepoPaths.Combine("Directory.Build.props"));
        var match = System.Text.RegularExpressions.Regex.Match(props, "<LangVersion>([^<]+)</LangVersion>");
        if (!match.Success || !LanguageVersionFacts.TryParse(match.Groups[1].Value, out var version))
            throw new InvalidOperationException("Directory.Build.props has no parseable LangVersion");
        return version;
    }

    /// <summary>Compiles the planted sources, optionally together with all firmware sources.</summary>
    public static Result Compile(bool withFirmwareSources, params string[] plantedSources)
    {
        return Compile(withFirmwareSources, OptimizationLevel.Debug, plantedSources);
    }

    /// <summary>As <see cref="Compile(bool, string[])"/>, optimized as the device build and the bench compile it.</summary>
    public static Result CompileOptimized(bool withFirmwareSources, params string[] plantedSources)
    {
        return Compile(withFirmwareSources, OptimizationLevel.Release, plantedSources);
    }

    private static Result Compile(bool withFirmwareSources, OptimizationLevel optimization, string[] plantedSources)
    {
        var parse = new CSharpParseOptions(RepositoryLanguageVersion(), preprocessorSymbols: new[] { "NANOFRAMEWORK" });
        var trees = new List<SyntaxTree>();
        if (withFirmwareSources)
            foreach (string file in FirmwareSources())
                trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file));
        for (int i = 0; i < plantedSources.Length; i++)
            trees.Add(CSharpSyntaxTree.ParseText(plantedSources[i], parse, "Planted" + i + ".cs"));

        var compilation = CSharpCompilation.Create(
            "Terminal",
            trees,
            new[] { MetadataReference.CreateFromFile(RepoPaths.NanoMscorlib) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable,
                optimizationLevel: optimization));

        using var pe = new MemoryStream();
        var emit = compilation.Emit(pe);
        var errors = emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return new Result(emit.Success, errors, pe.ToArray());
    }
}
