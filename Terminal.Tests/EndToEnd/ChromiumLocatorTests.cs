using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>Where the browser test looks for Chromium (a machine's folders planted in a temporary directory).</summary>
public sealed class ChromiumLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chromium-locator-").FullName;

    private string Plant(params string[] parts)
    {
        string path = Path.Combine(new[] { _root }.Concat(parts).ToArray());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        return path;
    }

    [Fact]
    public void Playwrights_own_newest_download_comes_before_the_systems_browser()
    {
        Plant("ms-playwright", "chromium-1100", "chrome-linux", "chrome");
        string newest = Plant("ms-playwright", "chromium-1200", "chrome-linux64", "chrome");
        Plant("ms-playwright", "chromium_headless_shell-1300", "chrome-linux", "headless_shell");
        Plant("bin", "chromium");
        Assert.Equal(newest, ChromiumLocator.Find(Path.Combine(_root, "ms-playwright"), Path.Combine(_root, "bin")));
    }

    [Fact]
    public void Without_a_playwright_download_the_systems_chromium_on_path_is_used()
    {
        Directory.CreateDirectory(Path.Combine(_root, "ms-playwright"));
        string system = Plant("usr", "bin", "chromium-browser");
        string path = Path.Combine(_root, "nothing") + Path.PathSeparator + Path.Combine(_root, "usr", "bin");
        Assert.Equal(system, ChromiumLocator.Find(Path.Combine(_root, "ms-playwright"), path));
    }

    [Fact]
    public void A_machine_without_any_chromium_gets_null_so_the_test_can_skip_or_fail_with_advice()
    {
        Assert.Null(ChromiumLocator.Find(Path.Combine(_root, "ms-playwright"), Path.Combine(_root, "empty")));
        Assert.Contains("apt-get install -y chromium", ChromiumLocator.InstallAdvice);
        Assert.Contains("playwright.ps1 install chromium", ChromiumLocator.InstallAdvice);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
