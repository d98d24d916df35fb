using Microsoft.Playwright;

namespace Terminal.Tests.EndToEnd;

/// <summary>Debian's chromium package, headless, as every browser test launches it (Playwright drives it).</summary>
public static class DebianChromium
{
    public const string Path = "/usr/bin/chromium";
    public const string Missing = "Debian's chromium is needed: apt-get install -y chromium (.ci/run installs it)";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Path,
        Headless = true,
        Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                       "--disable-sync", "--no-first-run", "--disable-quic" },
    });
}
