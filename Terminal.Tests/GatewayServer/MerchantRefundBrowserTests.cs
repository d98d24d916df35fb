using Gateway.Server.Storage;
using Microsoft.Playwright;
using Terminal.Simulator;
using Terminal.Tests.EndToEnd;
using Xunit;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// A refund from the merchant's page in Debian's Chromium, of a sale the virtual terminal made through the gateway
/// and the Alipay emulator: Refund on the PAID row, amount and reason, a confirmation page that refunds nothing by
/// itself, Confirm; Alipay and the ledger then hold one refund with who asked and why, shown in the list and the
/// refunds CSV. The same confirmation posted twice is one refund; a refund form without its CSRF token does nothing.
/// </summary>
public class MerchantRefundBrowserTests
{
    private const string Password = "correct-horse-42";

    [Terminal.Tests.EndToEnd.ChromiumFact]
    public async Task The_merchant_refunds_part_of_an_Alipay_sale_after_a_confirmation_step()
    {
        using var t = VirtualTerminal.Start(new VirtualTerminalOptions
        {
            ThroughAlipay = true, ReconcileIntervalMs = 0, Seed = 21, TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0,
            WaitHoldMs = 1000, RetryDelayMs = 200,
        });
        t.WaitForScreen("amount");
        t.PressKeys("12500D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        Assert.True(t.ScanAndPay().Paid);
        t.WaitForScreen("paid");
        await t.Gateway.Merchant.SetPasswordAsync(Password);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Terminal.Tests.EndToEnd.ChromiumLocator.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();
        var wait = new PageWaitForSelectorOptions { Timeout = 15000 };
        await page.GotoAsync(t.Gateway.BaseUrl + "/merchant/");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login");

        // Without the CSRF token a refund POST does nothing.
        int forged = await page.EvaluateAsync<int>(@"async (order) => (await fetch('/merchant/refund', { method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: 'orderId=' + encodeURIComponent(order) + '&amount=125.00&reason=x&refundId=page-0123456789abcdef' })).status", orderId);
        Assert.Equal(400, forged);

        await page.ClickAsync($"#orders tr[data-order='{orderId}'] a.refund");
        await page.FillAsync("#refundAmount", "50.00");
        await page.FillAsync("#refundReason", "wrong size");
        await page.ClickAsync("#refundNext");
        await page.WaitForSelectorAsync("#confirmText:has-text('50.00 NOK')", wait);
        Assert.Empty(await t.Gateway.Store.ListRefundsAsync(orderId, 10)); // confirming is a separate step
        Assert.Equal(0L, t.Alipay.Emulator.Ledger.Find(orderId)!.RefundedMinor);
        string confirmation = await page.EvaluateAsync<string>(
            "() => new URLSearchParams(new FormData(document.querySelector('form'))).toString()");

        await page.ClickAsync("#refundConfirm");
        await page.WaitForSelectorAsync("#refundResult:has-text('Refunded 50.00 NOK')", wait);

        // The same confirmation posted again (a double click, a resubmitted form): the same refund, not a second one.
        int again = await page.EvaluateAsync<int>(@"async (body) => (await fetch('/merchant/refund', { method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body })).status", confirmation);
        Assert.Equal(200, again);

        StoredRefund refund = Assert.Single(await t.Gateway.Store.ListRefundsAsync(orderId, 10));
        Assert.Equal((RefundStatus.Refunded, 5000L, "page:merchant", "wrong size"), (refund.Status, refund.AmountMinor, refund.Operator, refund.Reason));
        Assert.Equal((5000L, 1), (t.Alipay.Emulator.Ledger.Find(orderId)!.RefundedMinor, t.Alipay.Emulator.Ledger.Find(orderId)!.Refunds.Count));

        // The list shows the refunded amount; both CSVs carry it.
        await page.GotoAsync(t.Gateway.BaseUrl + "/merchant/");
        await page.WaitForSelectorAsync($"#orders tr[data-order='{orderId}']:has-text('50.00')", wait);
        var ordersCsv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        Assert.Contains(orderId + ",", File.ReadAllText((await ordersCsv.PathAsync())!));
        Assert.Contains(",50.00,5000\r\n", File.ReadAllText((await ordersCsv.PathAsync())!));
        var refundsCsv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#refundsCsv"));
        string refunds = File.ReadAllText((await refundsCsv.PathAsync())!);
        Assert.Contains(refund.RefundId + "," + orderId + ",", refunds);
        Assert.Contains(",REFUNDED,50.00,NOK,5000,page:merchant,wrong size,", refunds);
    }
}
