using System.Xml.Linq;
using Xunit;

namespace Terminal.Tests.Hardware;

/// <summary>
/// The nanoFramework projects (Terminal/Device/Terminal.nfproj, Terminal.Tests/Device/Terminal.Tests.Device.nfproj) are
/// compiled only on the bench (docs/device-verification.md); these tests keep their files consistent with each other,
/// with the gate and with the layout rules, so that a change here cannot quietly break what the bench proved.
/// </summary>
public class DeviceProjectTests
{
    public static TheoryData<string> NanoProjects => new()
    {
        "Terminal/Device/Terminal.nfproj",
        "Terminal.Tests/Device/Terminal.Tests.Device.nfproj",
    };

    private static XDocument Load(string relativePath) => XDocument.Load(RepoPaths.Combine(relativePath.Split('/')));

    private static IEnumerable<XElement> Named(XDocument doc, string name) => doc.Descendants().Where(e => e.Name.LocalName == name);

    private static string PackagesConfigBeside(string nfproj) => Path.GetDirectoryName(nfproj)!.Replace('\\', '/') + "/packages.config";

    [Theory]
    [MemberData(nameof(NanoProjects))]
    public void Every_package_is_referenced_with_the_same_version_and_every_reference_comes_from_a_package(string nfproj)
    {
        var packages = Load(PackagesConfigBeside(nfproj)).Descendants("package")
            .Select(p => p.Attribute("id")!.Value + "." + p.Attribute("version")!.Value).OrderBy(x => x).ToList();
        var hintFolders = Named(Load(nfproj), "HintPath").Select(h => h.Value.Split('\\')[1]).Distinct().OrderBy(x => x).ToList();
        Assert.Equal(packages, hintFolders);
    }

    [Fact]
    public void The_device_build_uses_the_package_set_the_bench_compiled()
    {
        var versions = Load("Terminal/Device/packages.config").Descendants("package")
            .ToDictionary(p => p.Attribute("id")!.Value, p => p.Attribute("version")!.Value);
        Assert.Equal("1.17.11", versions["nanoFramework.CoreLibrary"]);
        Assert.Equal("1.1.62", versions["nanoFramework.System.Device.Gpio"]);
        Assert.Equal("1.5.210", versions["nanoFramework.System.Net.Http"]);
        // Runtime.Native 1.7.1 references mscorlib 1.15 (nanoCLR matches major.minor): the device would not link.
        Assert.Equal("1.7.11", versions["nanoFramework.Runtime.Native"]);
        // Needed by Streams, FileSystem, Net and Http; Visual Studio deploys only what the project lists.
        Assert.Contains("nanoFramework.System.Text", versions.Keys);
        Assert.Contains("nanoFramework.System.Collections", versions.Keys);
        // Used by no source and needing System.Math: left out (README, "nanoFramework packages").
        Assert.DoesNotContain("nanoFramework.Iot.Device.Ssd13xx", versions.Keys);
    }

    [Fact]
    public void The_device_build_compiles_adapters_and_device_code_but_no_host_code()
    {
        var doc = Load("Terminal/Device/Terminal.nfproj");
        var compiles = Named(doc, "Compile").ToList();
        Assert.Contains(compiles, c => c.Attribute("Include")!.Value == @"..\**\*.cs" && c.Attribute("Exclude")!.Value.Contains(@"..\Host\**"));
        Assert.Contains(compiles, c => c.Attribute("Include")!.Value == @"..\..\Terminal.Drivers\**\*.cs"
            && !c.Attribute("Exclude")!.Value.Contains("Adapters"));
        Assert.Contains("NANOFRAMEWORK", Named(doc, "DefineConstants").Single().Value);
    }

    [Theory]
    [MemberData(nameof(NanoProjects))]
    public void Each_nanoFramework_project_compiles_at_the_C_sharp_version_the_gate_enforces_and_keeps_its_own_warnings_policy(string nfproj)
    {
        var doc = Load(nfproj);
        string firmwareLangVersion = Named(Load("Directory.Build.props"), "FirmwareLangVersion").Single().Value;
        Assert.Equal(firmwareLangVersion, Named(doc, "LangVersion").Single().Value);
        Assert.Equal("false", Named(doc, "TreatWarningsAsErrors").Single().Value);
        Assert.Equal("$(FirmwareLangVersion)", Named(Load("Gate/Firmware.Gate.props"), "LangVersion").Single().Value);
    }

    [Fact]
    public void The_host_settings_of_Directory_Build_props_do_not_reach_the_nanoFramework_projects()
    {
        // MSBuild imports Directory.Build.props into .nfproj builds too, after the .nfproj's own properties.
        foreach (string hostOnly in new[] { "LangVersion", "TreatWarningsAsErrors", "WarningsNotAsErrors", "NoWarn", "UseArtifactsOutput" })
        {
            var setting = Named(Load("Directory.Build.props"), hostOnly).Single();
            string condition = setting.Parent!.Attribute("Condition")?.Value ?? "";
            Assert.Equal("'$(MSBuildProjectExtension)' != '.nfproj'", condition);
        }
    }

    [Fact]
    public void The_on_device_tests_compile_every_folder_the_gate_compiles_and_nothing_else()
    {
        // The gate's source set: every folder of Terminal/ and Terminal.Drivers/ except Device/, Host/, Adapters/.
        var gateFolders = new[] { "Terminal", "Terminal.Drivers" }
            .SelectMany(project => Directory.GetDirectories(RepoPaths.Combine(project))
                .Select(Path.GetFileName)
                .Where(name => name is not ("Device" or "Host" or "Adapters" or "bin" or "obj"))
                .Select(name => @"..\..\" + project + @"\" + name + @"\**\*.cs"))
            .Append(@"..\..\Terminal\*.cs")
            .OrderBy(x => x);
        var included = Named(Load("Terminal.Tests/Device/Terminal.Tests.Device.nfproj"), "Compile")
            .Select(c => c.Attribute("Include")!.Value).Where(i => i.StartsWith(@"..\..\", StringComparison.Ordinal)).OrderBy(x => x);
        Assert.Equal(gateFolders, included);
    }
}
