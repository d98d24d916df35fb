using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Server.Merchant;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Terminal.App;
using Terminal.Gateway;
using Terminal.Simulator;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// Issue 16: the manager's refund from the terminal, end to end - keys through the real keypad driver on the
/// virtual membrane, the panel's screens, the firmware's gateway client over loopback HTTP, the real gateway server
/// and its ledger (through the Alipay emulator, as the simulator runs by default, or the development wallet), and
/// the merchant page. Faults come from the server's test fault injector: dropped answers, never canned replies.
/// </summary>
public class TerminalRefundTests
{
    private const string Pin = "2468";
    private const string MerchantPassword = "correct-horse-42";
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(VirtualTerminal.DefaultWaitSeconds);

    private static VirtualTerminal Start(bool throughAlipay, int seed) => VirtualTerminal.Start(new VirtualTerminalOptions
    {
        ThroughAlipay = throughAlipay, ReconcileIntervalMs = 0, Seed = seed, TechnicianPin = Pin, PaidAcknowledgeGuardMs = 0,
        WaitHoldMs = 1000, RetryDelayMs = 200, MaxRetryDelayMs = 400, ClientRetryBackoffMs = 0,
    });

    /// <summary>A sale paid by the tourist's phone and acknowledged: its order id.</summary>
    private static string PaidSale(VirtualTerminal t, string keys)
    {
        t.WaitForScreen("amount");
        t.PressKeys(keys);
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        Assert.True(t.ScanAndPay().Paid);
        t.WaitForScreen("paid");
        t.PressKeys("D");
        t.WaitForScreen("amount");
        return orderId;
    }

    /// <summary>'*', the PIN, OK, menu 7 (or the keys given): the refund list, once the gateway's answer is on it.</summary>
    private static void OpenRefundList(VirtualTerminal t, string keys = "*" + Pin + "D7")
    {
        t.PressKeys(keys);
        t.WaitForScreen("refund-list");
        t.WaitFor(() => t.Terminal.Model.MenuLines[0]?.StartsWith("1 ") == true, Soon, "the list of paid sales");
    }

    private static string PanelAmount(VirtualTerminal t) => new(t.Terminal.Model.AmountChars, 0, t.Terminal.Model.AmountLength);

    [Fact]
    public async Task A_manager_refunds_part_of_a_sale_from_the_terminal_the_ledger_and_the_merchant_page_show_it_and_more_than_is_left_is_refused()
    {
        using var t = Start(throughAlipay: true, seed: 161);
        string orderId = PaidSale(t, "12500D");

        OpenRefundList(t);
        Assert.EndsWith(orderId[^6..], t.Terminal.Model.MenuLines[0]);
        t.PressKeys("1");
        t.WaitForScreen("refund-amount");
        Assert.Equal("125,00", PanelAmount(t)); // proposed: all of it
        t.PressKeys("A"); // Cancel: back to the list, nothing sent
        t.WaitForScreen("refund-list");
        t.PressKeys("15000D");
        t.WaitForScreen("refund-confirm");
        Assert.Empty(await t.Gateway.Store.ListRefundsAsync(orderId, 10)); // confirming is a separate step
        t.PressKeys("D");
        t.WaitForScreen("refunded");
        Assert.Equal("50,00", PanelAmount(t));

        StoredRefund refund = Assert.Single(await t.Gateway.Store.ListRefundsAsync(orderId, 10));
        Assert.Equal((RefundStatus.Refunded, "manager", 5000L, ManagerRefund.LedgerReason), (refund.Status, refund.Operator, refund.AmountMinor, refund.Reason));
        Assert.Matches("^SIM-0001-[0-9a-f]{16}-R[0-9]{6}$", refund.RefundId);
        Assert.Equal(5000L, t.Alipay.Emulator.Ledger.Find(orderId)!.RefundedMinor);
        Assert.Null(t.RefundFlash.Read());

        // The merchant's page lists it: the order's refunded amount and the refund in the refunds CSV.
        await t.Gateway.Merchant.SetPasswordAsync(MerchantPassword);
        using var browser = await MerchantSessionAsync(t.Gateway.BaseUrl);
        using (JsonDocument orders = JsonDocument.Parse(await browser.GetStringAsync(t.Gateway.BaseUrl + "/merchant/api/orders")))
        {
            JsonElement row = FindOrderRow(orders.RootElement, orderId);
            Assert.Equal(5000L, row.GetProperty("refundedMinor").GetInt64());
        }
        string csv = await browser.GetStringAsync(t.Gateway.BaseUrl + "/merchant/refunds.csv");
        Assert.Contains(csv.Split('\n'), line => line.Contains(refund.RefundId) && line.Contains(orderId) && line.Contains("manager"));

        // A second refund: the list proposes what is left (75,00); meanwhile the merchant refunds 70,00 on the page,
        // so the terminal's 75,00 is more than is left and the gateway refuses it - shown, nothing refunded.
        OpenRefundList(t, "D7"); // any key: the menu; 7: the list again
        t.PressKeys("1");
        t.WaitForScreen("refund-amount");
        Assert.Equal("75,00", PanelAmount(t));
        t.PressKeys("D");
        t.WaitForScreen("refund-confirm");
        RefundRequestOutcome page = await t.Gateway.Refunds.RequestAsync(null, orderId, RefundPages.NewRefundId(), 7000, "NOK", "page:merchant", "wrong size");
        Assert.Equal(RefundStatus.Refunded, page.Refund!.Status);
        t.PressKeys("D");
        t.WaitForScreen("refund-refused");
        Assert.Equal(GatewayErrors.RefundExceedsPaid, t.Terminal.Model.ReasonDetail);
        Assert.Null(t.RefundFlash.Read());
        IReadOnlyList<StoredRefund> all = await t.Gateway.Store.ListRefundsAsync(orderId, 10);
        Assert.Equal(2, all.Count);
        Assert.Equal(12000L, all.Sum(r => r.AmountMinor));
        Assert.Equal(12000L, t.Alipay.Emulator.Ledger.Find(orderId)!.RefundedMinor);
    }

    [Fact]
    public async Task An_unknown_outcome_shows_refund_pending_and_the_same_refund_id_settles_it_once()
    {
        using var t = Start(throughAlipay: false, seed: 162);
        string orderId = PaidSale(t, "8000D");
        OpenRefundList(t);
        t.PressKeys("1D");
        t.WaitForScreen("refund-confirm");
        FaultInjector faults = t.Gateway.Faults!;
        int attempts = t.Terminal.GatewayConfig.MaxAttempts;
        for (int i = 0; i < 2 * attempts; i++) faults.Enqueue(GatewayFault.DropResponse, GatewayPaths.Refund); // two whole calls: every answer lost
        t.PressKeys("D");
        t.WaitForScreen("refund-pending");
        string journalled = t.RefundFlash.Read()!;
        string refundId = journalled.Split(';')[1];
        Assert.Equal(SaleJournal.FormatRefund(refundId, orderId, 8000, "NOK"), journalled);

        t.WaitForScreen("refunded", 3 * VirtualTerminal.DefaultWaitSeconds);
        Assert.Equal(2 * attempts, faults.InjectedCount(GatewayFault.DropResponse)); // the gateway got the refund 2 x 4 times, then once more
        StoredRefund refund = Assert.Single(await t.Gateway.Store.ListRefundsAsync(orderId, 10)); // every request carried one id
        Assert.Equal((refundId, RefundStatus.Refunded, 8000L), (refund.RefundId, refund.Status, refund.AmountMinor));
        Assert.Null(t.RefundFlash.Read());
        Assert.Contains(t.Log.Since(0).Lines, l => l.Contains(refundId) && l.Contains("not confirmed"));
    }

    [Fact]
    public async Task A_power_cut_while_a_refund_is_unknown_resends_the_same_refund_id_after_the_restart_and_refunds_once()
    {
        using var t = Start(throughAlipay: false, seed: 163);
        string orderId = PaidSale(t, "4200D");
        OpenRefundList(t);
        t.PressKeys("1");
        t.WaitForScreen("refund-amount");
        t.PressKeys("2000D");
        t.WaitForScreen("refund-confirm");
        FaultInjector faults = t.Gateway.Faults!;
        faults.DelayMs = 60_000;
        int before = faults.InjectedCount(GatewayFault.Delay);
        faults.Enqueue(GatewayFault.DropResponse, GatewayPaths.Refund); // recorded at the gateway, answer lost...
        faults.Enqueue(GatewayFault.Delay, GatewayPaths.Refund);        // ...and the retry held until the power goes
        t.PressKeys("D");
        t.WaitFor(() => faults.InjectedCount(GatewayFault.Delay) > before, Soon, "the retried refund held at the gateway");
        string refundId = t.RefundFlash.Read()!.Split(';')[1];
        Assert.Single(await t.Gateway.Store.ListRefundsAsync(orderId, 10));

        t.PowerCycle();
        faults.ClearQueue();
        faults.ReleaseDelayed();
        t.WaitForScreen("amount");
        t.PressKeys("*" + Pin + "D7"); // the manager returns: the journalled refund goes first, with its id
        t.WaitForScreen("refunded");
        Assert.Equal("20,00", PanelAmount(t));
        StoredRefund refund = Assert.Single(await t.Gateway.Store.ListRefundsAsync(orderId, 10));
        Assert.Equal((refundId, RefundStatus.Refunded, 2000L, "manager"), (refund.RefundId, refund.Status, refund.AmountMinor, refund.Operator));
        Assert.Null(t.RefundFlash.Read());

        // Only now can a new refund start: the list shows what is left.
        OpenRefundList(t, "D7");
        t.PressKeys("1");
        t.WaitForScreen("refund-amount");
        Assert.Equal("22,00", PanelAmount(t));
    }

    private static async Task<HttpClient> MerchantSessionAsync(string baseUrl)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        string form = await browser.GetStringAsync(baseUrl + "/merchant/login");
        string token = Regex.Match(form, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = token, ["password"] = MerchantPassword });
        using HttpResponseMessage login = await browser.PostAsync(baseUrl + "/merchant/login", body);
        Assert.True((int)login.StatusCode is 200 or 302 or 303, "merchant login: " + login.StatusCode);
        return browser;
    }

    private static JsonElement FindOrderRow(JsonElement root, string orderId)
    {
        JsonElement rows = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("orders");
        foreach (JsonElement row in rows.EnumerateArray())
            if (row.GetProperty("orderId").GetString() == orderId) return row;
        throw new Xunit.Sdk.XunitException("order " + orderId + " is not on the merchant page");
    }
}
