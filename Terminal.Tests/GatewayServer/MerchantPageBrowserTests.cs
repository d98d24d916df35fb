using Gateway.Server;
using Gateway.Server.Load;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Microsoft.Playwright;
using Terminal.Config;
using Terminal.Gateway;
using Terminal.Tests.EndToEnd;
using Xunit;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// The merchant's page in a Chromium (Terminal.Tests.EndToEnd.ChromiumLocator), driven by Playwright: log in, see the transactions and the
/// day's totals update live, filter, export CSV, see the terminals, add one (its provisioning file parses),
/// disable one (its next request is refused), and a form without its CSRF token changes nothing.
/// Saves a screenshot (docs/merchant.png when UPDATE_SCREENSHOTS=1).
/// </summary>
public class MerchantPageBrowserTests
{
    private const string Password = "correct-horse-42";
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i + 90)).ToArray();

    [Terminal.Tests.EndToEnd.ChromiumFact]
    public async Task The_merchant_logs_in_and_sees_manages_and_exports_live_transactions()
    {
        await using GatewayHost host = GatewayHost.StartTemporary();
        await host.Merchant.SetPasswordAsync(Password);
        host.ProvisionTerminal("SHOP-21", Key);
        host.ProvisionTerminal("SHOP-22", Key);
        using var http = new HttpClient();
        var shop21 = new ProtocolClient(http, host.BaseUrl, "SHOP-21", Key);
        var shop22 = new ProtocolClient(http, host.BaseUrl, "SHOP-22", Key);
        Assert.Equal(200, (await shop21.SendAsync(GatewayPaths.Ping, "{\"firmware\":\"0.1.0\"}")).Status);
        string paidCode = (await shop21.CreateAsync("SHOP-21-b-1", 12500, "NOK", 600)).Code!;
        string laterCode = (await shop21.CreateAsync("SHOP-21-b-2", 1999, "EUR", 600)).Code!;
        await shop22.CreateAsync("SHOP-22-b-1", 5000, "NOK", 600);
        Assert.Equal(200, await ProtocolClient.PayAsync(http, host.BaseUrl, paidCode));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Terminal.Tests.EndToEnd.ChromiumLocator.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await context.NewPageAsync();
        var wait = new PageWaitForSelectorOptions { Timeout = 15000 };

        // Login: the page sends a stranger to the form; a wrong password is refused.
        await page.GotoAsync(host.BaseUrl + "/merchant/");
        Assert.EndsWith("/merchant/login", page.Url);
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("#login");
        await page.WaitForSelectorAsync("#error:has-text('Wrong password')", wait);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login");
        await page.WaitForSelectorAsync("#orders tr[data-order='SHOP-21-b-1'] td.PAID", wait);
        await page.WaitForSelectorAsync("#totals tr[data-currency='NOK']:has-text('125.00')", wait);

        // Live: a payment made now shows without a reload, and the EUR total appears.
        Assert.Equal(200, await ProtocolClient.PayAsync(http, host.BaseUrl, laterCode));
        await page.WaitForSelectorAsync("#orders tr[data-order='SHOP-21-b-2'] td.PAID", wait);
        await page.WaitForSelectorAsync("#totals tr[data-currency='EUR']:has-text('19.99')", wait);

        // Terminals: last contact and the firmware the ping reported.
        await page.WaitForSelectorAsync("#terminalList tr[data-terminal='SHOP-21']:has-text('0.1.0')", wait);

        // Filter by terminal and by day.
        await page.SelectOptionAsync("#terminalFilter", "SHOP-22");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#orders tbody tr').length === 1", null, new PageWaitForFunctionOptions { Timeout = 15000 });
        Assert.Equal("SHOP-22-b-1", await page.GetAttributeAsync("#orders tbody tr", "data-order"));
        await page.SelectOptionAsync("#terminalFilter", "");
        await page.FillAsync("#dayFilter", "2001-01-01");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#orders tbody tr').length === 0", null, new PageWaitForFunctionOptions { Timeout = 15000 });
        await page.FillAsync("#dayFilter", DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#orders tbody tr').length === 3", null, new PageWaitForFunctionOptions { Timeout = 15000 });

        // CSV export of what is shown.
        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        string csv = File.ReadAllText((await csvDownload.PathAsync())!);
        Assert.StartsWith("order_id,terminal_id,created_utc,status,amount,currency,amount_minor,paid_utc", csv);
        Assert.Contains("SHOP-21-b-1,SHOP-21,", csv);
        Assert.Contains(",PAID,125.00,NOK,12500,", csv);

        string shot = Path.Combine(AppContext.BaseDirectory, "merchant-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
            File.Copy(shot, RepoPaths.Combine("docs", "merchant.png"), overwrite: true);

        // Add a terminal: its provisioning file downloads and the firmware's parser accepts it.
        await page.FillAsync("#newTerminalId", "SHOP-23");
        await page.FillAsync("#newWifi", "Butikk");
        var cfgDownload = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#addButton"));
        string cfg = File.ReadAllText((await cfgDownload.PathAsync())!);
        TerminalConfig? config = TerminalConfig.Parse(cfg, out ConfigError error);
        Assert.True(config != null, error?.ToString());
        Assert.Equal(("SHOP-23", host.BaseUrl), (config!.TerminalIdText, config.GatewayBaseUrl));
        Assert.Equal(200, (await new ProtocolClient(http, host.BaseUrl, "SHOP-23", config.TerminalKeyBytes).PingAsync()).Status);

        // A form posted without the CSRF token changes nothing.
        int forged = await page.EvaluateAsync<int>(@"async () => (await fetch('/merchant/terminals/disable', { method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'terminalId=SHOP-21' })).status");
        Assert.Equal(400, forged);
        Assert.False((await host.Store.FindTerminalAsync("SHOP-21"))!.Disabled);

        // Disable SHOP-21 from the page: its next request is refused at once.
        await page.ClickAsync("button[data-action='disable'][data-terminal='SHOP-21']");
        await page.WaitForSelectorAsync("#terminalList tr[data-terminal='SHOP-21']:has-text('disabled')", wait);
        Assert.Equal(ProtocolErrors.TerminalDisabled, (await shop21.PingAsync()).Error);
    }
}
