using System.Xml.Linq;
using Xunit;

namespace Terminal.Tests.Hardware;

/// <summary>
/// The device project (Terminal/Device/Terminal.nfproj + packages.config) cannot be built here (no nanoFramework
/// project system); these tests at least keep its two files consistent with each other and with the layout rules.
/// </summary>
public class DeviceProjectTests
{
    private static XDocument Load(string file) => XDocument.Load(RepoPaths.Combine("Terminal", "Device", file));

    [Fact]
    public void Every_package_is_referenced_with_the_same_version_and_every_reference_comes_from_a_package()
    {
        var packages = Load("packages.config").Descendants("package")
            .Select(p => p.Attribute("id")!.Value + "." + p.Attribute("version")!.Value).OrderBy(x => x).ToList();
        var hintFolders = Load("Terminal.nfproj").Descendants().Where(e => e.Name.LocalName == "HintPath")
            .Select(h => h.Value.Split('\\')[1]).OrderBy(x => x).ToList();
        Assert.Equal(packages, hintFolders);
    }

    [Fact]
    public void The_device_build_uses_the_verified_versions_of_the_core_packages()
    {
        var versions = Load("packages.config").Descendants("package")
            .ToDictionary(p => p.Attribute("id")!.Value, p => p.Attribute("version")!.Value);
        Assert.Equal("1.17.11", versions["nanoFramework.CoreLibrary"]);
        Assert.Equal("1.1.62", versions["nanoFramework.System.Device.Gpio"]);
        Assert.Equal("1.1.29", versions["nanoFramework.System.Device.I2c"]);
        Assert.Equal("1.5.210", versions["nanoFramework.System.Net.Http"]);
    }

    [Fact]
    public void The_device_build_compiles_adapters_and_device_code_but_no_host_code()
    {
        var compiles = Load("Terminal.nfproj").Descendants().Where(e => e.Name.LocalName == "Compile").ToList();
        Assert.Contains(compiles, c => c.Attribute("Include")!.Value == @"..\**\*.cs" && c.Attribute("Exclude")!.Value.Contains(@"..\Host\**"));
        Assert.Contains(compiles, c => c.Attribute("Include")!.Value == @"..\..\Terminal.Drivers\**\*.cs"
            && c.Attribute("Exclude")!.Value.Contains(@"..\..\Terminal.Drivers\Host\**")
            && !c.Attribute("Exclude")!.Value.Contains("Adapters") && !c.Attribute("Exclude")!.Value.Contains(@"Drivers\Device"));
        string defines = Load("Terminal.nfproj").Descendants().Single(e => e.Name.LocalName == "DefineConstants").Value;
        Assert.Contains("NANOFRAMEWORK", defines);
    }
}
