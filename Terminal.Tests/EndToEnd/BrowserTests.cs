using Microsoft.Playwright;
using Terminal.Simulator;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// The simulator page in a Chromium (Playwright's own or the system's, see <see cref="ChromiumLocator"/>), driven by Playwright: click the keys, see the QR, pay with the
/// phone, see PAID. Saves a screenshot (docs/simulator.png when UPDATE_SCREENSHOTS=1).
/// </summary>
public class BrowserTests
{
    [ChromiumFact]
    public async Task Clicking_the_keys_paying_with_the_phone_shows_PAID_in_the_browser()
    {
        using var terminal = VirtualTerminal.Start(new VirtualTerminalOptions { TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0, WaitHoldMs = 1000 });
        await using var web = VirtualTerminalHost.Build(terminal, 0);
        await web.StartAsync();
        string url = VirtualTerminalHost.BoundUrl(web);
        terminal.WaitForScreen("amount");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await ChromiumLocator.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1120, Height = 800 } });
        await page.GotoAsync(url + "/");
        foreach (char key in "12500D")
            await page.ClickAsync($"button[data-key='{key}']");
        await page.WaitForSelectorAsync("#status:has-text('screen: qr')", new PageWaitForSelectorOptions { Timeout = 15000 });

        string heardBefore = await page.EvaluateAsync<string>("() => document.body.dataset.tonesHeard || '0'");
        await page.ClickAsync("#pay");
        await page.WaitForSelectorAsync("#phoneResult:has-text('Paid.')", new PageWaitForSelectorOptions { Timeout = 15000 });
        await page.WaitForSelectorAsync("#status:has-text('screen: paid')", new PageWaitForSelectorOptions { Timeout = 15000 });
        Assert.Equal("paid", terminal.State().Screen);
        // The page took PAID's three tones from /api/state for Web Audio (the clicks came before).
        await page.WaitForFunctionAsync($"() => Number(document.body.dataset.tonesHeard || 0) >= {heardBefore} + 3", null,
            new PageWaitForFunctionOptions { Timeout = 15000 });
        Assert.Equal(terminal.Gateway.BaseUrl + "/merchant/", await page.GetAttributeAsync("#merchantPage", "href")); // the gateway's merchant page

        // Let the page's image catch up with the last frame before the screenshot.
        long bus = terminal.State().BusBytes;
        await page.WaitForFunctionAsync($"() => document.getElementById('panel').src.endsWith('b={bus}')", null,
            new PageWaitForFunctionOptions { Timeout = 15000 });
        string shot = Path.Combine(AppContext.BaseDirectory, "simulator-paid.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
        Assert.True(new FileInfo(shot).Length > 1000);
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
            File.Copy(shot, RepoPaths.Combine("docs", "simulator.png"), overwrite: true);
    }
}
