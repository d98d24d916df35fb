using Xunit;

namespace Terminal.Tests.Firmware;

/// <summary>
/// The firmware must run on nanoFramework 1.x. The gate build proves it compiles against the device's
/// mscorlib; these tests prove the gate and the metadata rules catch what compiles but cannot run.
/// </summary>
public class FirmwareRulesTests
{
    [Theory]
    [InlineData("Terminal.dll")]
    [InlineData("Terminal.Drivers.dll")]
    public void Gate_built_assembly_obeys_the_firmware_rules(string assembly)
    {
        string path = Path.Combine(RepoPaths.GateOutput, assembly);
        Assert.True(File.Exists(path), "gate build output missing: " + path);
        Assert.Empty(FirmwareRules.Check(path));
    }

    [Theory]
    [InlineData("Terminal.dll", new[] { "Terminal.Drivers", "mscorlib" })]
    [InlineData("Terminal.Drivers.dll", new[] { "mscorlib" })]
    public void Gate_built_assembly_references_only_nano_mscorlib_and_its_own(string assembly, string[] allowed)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(RepoPaths.GateOutput, assembly)));
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var names = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Contains("mscorlib", names);
        Assert.All(names, n => Assert.Contains(n, allowed));
    }

    [Fact]
    public void All_firmware_sources_compile_against_nano_mscorlib()
    {
        var result = GateCompiler.Compile(withFirmwareSources: true);
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Empty(FirmwareRules.Check(result.Image));
    }

    [Theory]
    [InlineData("using System.Collections.Generic; class Planted { List<int> values = new List<int>(); }", "CS0246")]
    [InlineData("class Planted { decimal price = 1.5m; }", "CS0518")]
    [InlineData("class Planted { object b = new System.Text.StringBuilder(); }", "CS0234")]
    [InlineData("class Planted { int? maybe; }", "CS0518")]
    [InlineData("class Planted { System.Threading.Tasks.Task t; }", "CS0234")]
    public void Gate_build_fails_on_what_nano_mscorlib_lacks(string planted, string expectedError)
    {
        var result = GateCompiler.Compile(withFirmwareSources: true, planted);
        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.Id == expectedError && e.Location.SourceTree!.FilePath.StartsWith("Planted"));
    }

    [Fact]
    public void Rules_reject_a_user_defined_generic_method()
    {
        var result = GateCompiler.Compile(false,
            "namespace Pay { public static class Util { public static T First<T>(T[] items) { return items[0]; } " +
            "public static int Use() { return First(new int[] { 1 }); } } }");
        Assert.True(result.Success, string.Join("\n", result.Errors)); // it compiles: that is the danger
        var findings = FirmwareRules.Check(result.Image);
        Assert.Contains(findings, f => f.Contains("generic parameter 'T' on method Pay.Util.First"));
        Assert.Contains(findings, f => f.Contains("generic method instantiation of method Pay.Util.First"));
    }

    [Fact]
    public void Rules_reject_a_user_defined_generic_type()
    {
        var result = GateCompiler.Compile(false,
            "namespace Pay { public sealed class Box<T> { public T Value; } public static class Use { public static object Make() { return new Box<int>(); } } }");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var findings = FirmwareRules.Check(result.Image);
        Assert.Contains(findings, f => f.Contains("generic parameter 'T' on type Pay.Box`1"));
        Assert.Contains(findings, f => f.Contains("generic type Pay.Box`1<Int32>"));
    }

    [Fact]
    public void Rules_reject_mscorlibs_own_generic_delegates()
    {
        var result = GateCompiler.Compile(false,
            "namespace Pay { public static class Use { static void Handle(int x) { } public static object Make() { System.Action<int> a = Handle; return a; } } }");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Contains(FirmwareRules.Check(result.Image), f => f.Contains("generic type System.Action`1<Int32>"));
    }

    [Fact]
    public void Rules_reject_multi_dimensional_arrays_in_fields_and_locals()
    {
        var result = GateCompiler.Compile(false,
            "namespace Pay { public sealed class Grid { public int[,] Cells; public static int Sum() { var m = new byte[2, 2]; return m[1, 1]; } } }");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        var findings = FirmwareRules.Check(result.Image);
        Assert.Contains(findings, f => f.Contains("field Pay.Grid.Cells uses multi-dimensional array Int32[,]"));
        Assert.Contains(findings, f => f.Contains("local variable in method Pay.Grid.Sum uses multi-dimensional array Byte[,]"));
    }

    [Fact]
    public void Rules_accept_jagged_arrays_and_plain_code()
    {
        var result = GateCompiler.Compile(false,
            "namespace Pay { public sealed class Grid { public byte[][] Rows = new byte[2][]; public long AmountMinor; } }");
        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Empty(FirmwareRules.Check(result.Image));
    }

    [Fact]
    public void Gate_leaves_out_adapters_device_and_host_folders()
    {
        var sources = GateCompiler.FirmwareSources().Select(f => Path.GetRelativePath(RepoPaths.Root, f)).ToList();
        Assert.NotEmpty(sources);
        foreach (string folder in new[] { "Adapters", "Device", "Host" })
            Assert.DoesNotContain(sources, s => s.Split(Path.DirectorySeparatorChar).Contains(folder));
    }
}
