using Microsoft.Playwright;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// Finds a Chromium for the browser test the way Playwright users expect: Playwright's own download first
/// (PLAYWRIGHT_BROWSERS_PATH, else its per-user cache), then the system's browser on PATH (Debian's
/// `chromium`, Ubuntu's `chromium-browser`, Google Chrome) or in the usual macOS / Windows places.
/// </summary>
public static class ChromiumLocator
{
    public const string InstallAdvice =
        "install one: Playwright's own with `pwsh artifacts/bin/Terminal.Tests/debug/playwright.ps1 install chromium` " +
        "(after a build), or the system's with `apt-get install -y chromium` (Debian; `.ci/run` does this), " +
        "`apt-get install -y chromium-browser` (Ubuntu) or `brew install --cask chromium` (macOS)";

    /// <summary>The executable to launch, or null when this machine has none.</summary>
    public static string? Find() =>
        Find(Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH"), Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The search itself, given the two environment variables it reads.</summary>
    public static string? Find(string? playwrightBrowsersPath, string? searchPath)
    {
        foreach (string path in PlaywrightDownloads(playwrightBrowsersPath)) if (File.Exists(path)) return path;
        foreach (string name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome" })
        {
            string? onPath = OnPath(name, searchPath);
            if (onPath != null) return onPath;
        }
        foreach (string path in new[]
                 {
                     "/Applications/Chromium.app/Contents/MacOS/Chromium",
                     "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                     @"C:\Program Files\Google\Chrome\Application\chrome.exe",
                 })
            if (File.Exists(path)) return path;
        return null;
    }

    /// <summary>Launches the Chromium found, headless, as every browser test does; fails with the install advice when there is none.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        string? executable = Find();
        Assert.True(executable != null, "No Chromium for the browser test (CI must have one); " + InstallAdvice);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                           "--disable-sync", "--no-first-run", "--disable-quic" },
        });
    }

    /// <summary>True under CI (the CI variable set), where a missing browser is a failure, not a skip.</summary>
    public static bool UnderCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Chromium executables in Playwright's download folder, newest revision first.</summary>
    private static IEnumerable<string> PlaywrightDownloads(string? root)
    {
        if (string.IsNullOrEmpty(root) || root == "0")
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            root = OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ms-playwright")
                : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Caches", "ms-playwright")
                : Path.Combine(home, ".cache", "ms-playwright");
        }
        if (!Directory.Exists(root)) yield break;
        var revisions = Directory.GetDirectories(root, "chromium-*")
            .Where(d => int.TryParse(Path.GetFileName(d)["chromium-".Length..], out _))
            .OrderByDescending(d => int.Parse(Path.GetFileName(d)["chromium-".Length..]));
        foreach (string dir in revisions)
        {
            yield return Path.Combine(dir, "chrome-linux64", "chrome");
            yield return Path.Combine(dir, "chrome-linux", "chrome");
            yield return Path.Combine(dir, "chrome-mac", "Chromium.app", "Contents", "MacOS", "Chromium");
            yield return Path.Combine(dir, "chrome-win", "chrome.exe");
            yield return Path.Combine(dir, "chrome-win64", "chrome.exe");
        }
    }

    private static string? OnPath(string name, string? searchPath)
    {
        foreach (string dir in (searchPath ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>
/// A fact that needs a Chromium: skipped, saying how to install one, on a machine without any; under CI it
/// runs anyway and fails with the same advice, so a CI image that lost its browser cannot pass quietly.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumLocator.Find() == null && !ChromiumLocator.UnderCi)
            Skip = "No Chromium on this machine for the browser test; " + ChromiumLocator.InstallAdvice + ".";
    }
}
