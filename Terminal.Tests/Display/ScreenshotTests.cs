using Xunit;
using Terminal.Drivers.Display;
using Terminal.Simulator.VirtualHardware;

namespace Terminal.Tests.Display;

/// <summary>
/// Every screen in both languages, through the real driver into the virtual controller, compared pixel-exact
/// with a reviewed reference PNG. To change the references on purpose:
///     UPDATE_SCREENSHOTS=1 dotnet test Terminal.Tests --filter "FullyQualifiedName~ScreenshotTests"
/// which rewrites Terminal.Tests/Display/References/*.png and the gallery docs/screens/*.png (x4); then look
/// at them before committing.
/// </summary>
public class ScreenshotTests
{
    public const int GalleryScale = 4;

    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string name in SampleScreens.Names)
            foreach (var (_, tag) in SampleScreens.Languages)
                data.Add(name, tag);
        return data;
    }

    public static string ReferencePath(string name, string tag) =>
        RepoPaths.Combine("Terminal.Tests", "Display", "References", name + "." + tag + ".png");

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_screen_matches_its_reviewed_reference_pixel_for_pixel(string name, string tag)
    {
        foreach (int controller in new[] { PanelController.Ssd1306, PanelController.Sh1106 })
        {
            var rig = new DisplayRig(controller);
            SampleScreens.Fill(rig.Model, name, tag == "en" ? Language.English : Language.Norwegian);
            ScreenshotQr.Prepare(rig.Model, name);
            rig.Show();
            bool[] glass = rig.Glass();
            Assert.Equal(DisplayRig.Pixels(rig.Frame), glass);
            string path = ReferencePath(name, tag);
            if (Updating && controller == PanelController.Ssd1306)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, rig.Controller.ExportPng(1));
                string gallery = RepoPaths.Combine("docs", "screens", name + "." + tag + ".png");
                Directory.CreateDirectory(Path.GetDirectoryName(gallery)!);
                File.WriteAllBytes(gallery, rig.Controller.ExportPng(GalleryScale));
                continue;
            }
            Assert.True(File.Exists(path), "no reference " + path + "; create it with UPDATE_SCREENSHOTS=1 and review it");
            bool[] reference = PngWriter.ReadMonochrome(File.ReadAllBytes(path), out int w, out int h);
            Assert.Equal((128, 64), (w, h));
            int differing = 0;
            for (int i = 0; i < glass.Length; i++) if (glass[i] != reference[i]) differing++;
            if (differing > 0)
            {
                string actual = Path.Combine(Path.GetTempPath(), "screen-" + name + "." + tag + ".actual.png");
                File.WriteAllBytes(actual, rig.Controller.ExportPng(1));
                Assert.Fail(differing + " pixels differ from " + path + " on controller " + controller + "; actual picture: " + actual);
            }
        }
    }

    [Fact]
    public void The_gallery_page_shows_every_reference()
    {
        string page = File.ReadAllText(RepoPaths.Combine("docs", "screens.md"));
        foreach (string name in SampleScreens.Names)
            foreach (var (_, tag) in SampleScreens.Languages)
            {
                Assert.Contains("screens/" + name + "." + tag + ".png", page);
                Assert.True(File.Exists(RepoPaths.Combine("docs", "screens", name + "." + tag + ".png")), name + "." + tag);
            }
    }
}
