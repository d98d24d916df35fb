namespace Terminal.Tests;

/// <summary>Where the repository and the build outputs the tests read are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Folder (next to the test assembly) holding the gate-built assemblies and nanoFramework's mscorlib.</summary>
    public static string GateOutput => Path.Combine(AppContext.BaseDirectory, "gate");

    public static string NanoMscorlib => Path.Combine(GateOutput, "mscorlib.dll");

    public static string Combine(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Terminal.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Terminal.sln not found above " + AppContext.BaseDirectory);
    }
}
