using System.Net;
using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Gateway.Server;
using Gateway.Server.Acquiring;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Terminal.Simulator;
using Terminal.Tests.Alipay;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// The whole sale with Alipay as the acquirer: keys on the virtual keypad, the real firmware and gateway client,
/// the gateway server precreating at the Alipay emulator (signed requests and answers, RSA2 keys made for the
/// run), the QR read off the panel's glass by the tourist's phone and paid at the emulator's wallet, the signed
/// notification to the gateway's notify_url, PAID on the panel. The reconciler runs only when a test calls it.
/// </summary>
public class AlipayTransactionTests
{
    private static VirtualTerminal Start(int seed = 1) =>
        VirtualTerminal.Start(new VirtualTerminalOptions
        {
            ThroughAlipay = true,
            ReconcileIntervalMs = 0,
            Seed = seed,
            TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0,
            WaitHoldMs = 1000,
            RetryDelayMs = 200,
            SlowGatewayMs = 300,
        });

    private static string SellAndShowQr(VirtualTerminal t, string keys)
    {
        t.WaitForScreen("amount");
        t.PressKeys(keys);
        t.WaitForScreen("qr");
        return t.State().OrderId!;
    }

    /// <summary>Posts a notification form to the gateway's notify_url as Alipay would; the gateway's answer ("success" or "fail").</summary>
    private static async Task<string> PostNotificationAsync(VirtualTerminal t, Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        using HttpResponseMessage answer = await http.PostAsync(t.Gateway.BaseUrl + GatewayHost.AlipayNotifyPath, new FormUrlEncodedContent(form));
        return await answer.Content.ReadAsStringAsync();
    }

    private static StoredOrder Ledger(VirtualTerminal t, string orderId) => t.Gateway.FindOrder(orderId) ?? throw new Xunit.Sdk.XunitException("no order " + orderId);

    private static EmulatorTrade Trade(VirtualTerminal t, string orderId) =>
        t.Alipay.Emulator.Ledger.Find(orderId) ?? throw new Xunit.Sdk.XunitException("Alipay has no trade " + orderId);

    [Fact]
    public void Sale_QR_from_Alipay_phone_pays_signed_notification_PAID_on_the_panel()
    {
        using var t = Start();
        string orderId = SellAndShowQr(t, "12500D");
        Assert.StartsWith("https://qr.alipay.com/", Trade(t, orderId).QrCode);
        Assert.Equal(Trade(t, orderId).QrCode, Ledger(t, orderId).Code); // the terminal shows Alipay's own code

        var paid = t.ScanAndPay(); // the phone reads the glass and pays at Alipay's wallet
        Assert.True(paid.Paid, paid.Error);
        t.WaitForScreen("paid");

        StoredOrder order = Ledger(t, orderId);
        Assert.Equal((OrderStatus.Paid, 12500L, "NOK", 1, OrderAcquirers.Alipay, false, AlipayOrderAcquirer.NotePaidByNotification),
            (order.Status, order.AmountMinor, order.Currency, order.Payments, order.Acquirer, order.AcquirerOpen, order.AcquirerNote));
        Assert.Equal((AlipayProtocol.TradeSuccess, 12500L, "NOK"), (Trade(t, orderId).TradeStatus, Trade(t, orderId).AmountMinor, Trade(t, orderId).Currency));
        Assert.Single(t.Alipay.Emulator.Ledger.All()); // one precreate, one trade
        Assert.All(t.Alipay.Emulator.Notifications.Deliveries, d => Assert.True(d.Acknowledged, d.ToString()));
        Assert.NotEmpty(t.Alipay.Emulator.Notifications.Deliveries);

        // The gateway's development wallet cannot pay (or re-pay) an Alipay order: only Alipay says PAID.
        using var devWallet = new TouristPhone(t.Gateway.BaseUrl);
        Assert.Equal(404, devWallet.Pay(order.Code).HttpStatus);
    }

    [Fact]
    public async Task Notification_lost_the_query_of_the_reconciler_finds_PAID_while_the_terminal_waits()
    {
        using var t = Start(seed: 2);
        t.Alipay.Emulator.Notifications.Mode = NotificationMode.Never;
        string orderId = SellAndShowQr(t, "4990D");
        Assert.True(t.ScanAndPay().Paid);
        Assert.Equal(OrderStatus.Pending, Ledger(t, orderId).Status); // no notification came: the ledger cannot know yet
        Assert.Equal("qr", t.State().Screen);

        Assert.Equal(1, await t.Gateway.ReconcileAsync());
        t.WaitForScreen("paid");
        Assert.Equal((OrderStatus.Paid, AlipayOrderAcquirer.NotePaidByQuery, false),
            (Ledger(t, orderId).Status, Ledger(t, orderId).AcquirerNote, Ledger(t, orderId).AcquirerOpen));
        Assert.Empty(t.Alipay.Emulator.Notifications.Deliveries);
    }

    [Fact]
    public async Task A_forged_notification_is_refused_and_changes_nothing_then_cancel_closes_the_trade_at_Alipay()
    {
        using var t = Start(seed: 3);
        string orderId = SellAndShowQr(t, "9900D");
        var fields = AlipayHarness.PaidNotificationFields(orderId, Trade(t, orderId).TradeNo, "99.00");
        // Signed with a key that is not Alipay's: the merchant's own (what a thief of the gateway's settings holds).
        using var forger = AlipaySigner.Rsa2(t.Alipay.GatewaySettings.PrivateKeyPem, t.Alipay.Emulator.AlipayPublicKeyPem);
        string answer = await PostNotificationAsync(t, AlipayHarness.Signed(fields, forger));
        Assert.Equal("fail", answer);
        Assert.Equal((OrderStatus.Pending, 0), (Ledger(t, orderId).Status, Ledger(t, orderId).Payments));
        Assert.Equal(0, await t.Gateway.ReconcileAsync()); // Alipay itself says: waiting
        Assert.Equal("qr", t.State().Screen);

        t.PressKeys("A");
        t.WaitForScreen("cancelled");
        Assert.Equal((OrderStatus.Cancelled, false, AlipayOrderAcquirer.NoteClosed),
            (Ledger(t, orderId).Status, Ledger(t, orderId).AcquirerOpen, Ledger(t, orderId).AcquirerNote));
        Assert.Equal((AlipayProtocol.TradeClosed, false), (Trade(t, orderId).TradeStatus, Trade(t, orderId).Paid));
        var late = t.Phone.Pay(Ledger(t, orderId).Code); // the tourist scans the code a moment too late
        Assert.False(late.Paid);
        Assert.Equal(410, late.HttpStatus);
    }

    [Fact]
    public async Task A_genuinely_signed_notification_of_a_trade_that_is_not_ours_is_not_PAID()
    {
        using var t = Start(seed: 6);
        string orderId = SellAndShowQr(t, "9900D");
        // Another merchant made a trade under our order id and pointed its notify_url here: Alipay's own signature,
        // a matching amount, but our trade at Alipay is unpaid.
        var fields = AlipayHarness.PaidNotificationFields(orderId, "2026113021001004990000000001", "99.00",
            notifyId: "ac05099524730693a8b330c5ecf72da979");
        using var alipay = AlipaySigner.Rsa2(SimulatedAlipay.AlipayPrivateKeyPem, t.Alipay.Emulator.AlipayPublicKeyPem);
        string answer = await PostNotificationAsync(t, AlipayHarness.Signed(fields, alipay));

        Assert.Equal("fail", answer); // our query says waiting: not acknowledged
        Assert.Equal((OrderStatus.Pending, 0), (Ledger(t, orderId).Status, Ledger(t, orderId).Payments));
        Assert.Equal("qr", t.State().Screen);
        t.PressKeys("A");
        t.WaitForScreen("cancelled");
        Assert.Equal((OrderStatus.Cancelled, 0), (Ledger(t, orderId).Status, Ledger(t, orderId).Payments));
    }

    [Fact]
    public async Task Cancel_racing_the_payment_reverses_it_and_both_sides_say_not_charged()
    {
        using var t = Start(seed: 4);
        t.Alipay.Emulator.Notifications.Mode = NotificationMode.Held; // the payment's notification arrives late
        string orderId = SellAndShowQr(t, "30000D");
        string code = Trade(t, orderId).QrCode;
        int paidInRace = 0;
        t.Alipay.Emulator.BeforeService = async service =>
        {
            // The tourist pays between the gateway's query (waiting) and its cancel.
            if (service == AlipayProtocol.ServiceCancel && Interlocked.Exchange(ref paidInRace, 1) == 0)
                Assert.Equal(WalletPayStatus.Paid, await t.Alipay.Emulator.PayAsync(code));
        };

        t.PressKeys("A");
        t.WaitForScreen("cancelled");
        Assert.Equal(1, paidInRace);
        EmulatorTrade trade = Trade(t, orderId);
        Assert.Equal((true, AlipayProtocol.TradeClosed, 30000L), (trade.Paid, trade.TradeStatus, trade.RefundedMinor)); // reversed in full
        Assert.Equal((OrderStatus.Cancelled, 0, AlipayOrderAcquirer.NoteReversed, false),
            (Ledger(t, orderId).Status, Ledger(t, orderId).Payments, Ledger(t, orderId).AcquirerNote, Ledger(t, orderId).AcquirerOpen));

        // The late TRADE_SUCCESS (and TRADE_CLOSED) notifications are acknowledged and move nothing back.
        await t.Alipay.Emulator.Notifications.ReleaseHeldAsync();
        Assert.NotEmpty(t.Alipay.Emulator.Notifications.Deliveries);
        Assert.All(t.Alipay.Emulator.Notifications.Deliveries, d => Assert.True(d.Acknowledged, d.ToString()));
        Assert.Equal((OrderStatus.Cancelled, 0), (Ledger(t, orderId).Status, Ledger(t, orderId).Payments));
        Assert.Equal("cancelled", t.State().Screen);
    }

    [Fact]
    public void A_create_whose_answer_was_lost_is_retried_with_the_same_id_and_stays_one_trade()
    {
        using var t = Start(seed: 5);
        t.Gateway.Faults!.Enqueue(GatewayFault.DropResponse, Terminal.Gateway.GatewayPaths.Create);
        string orderId = SellAndShowQr(t, "2000D");
        Assert.Equal(2, Ledger(t, orderId).CreateRequests);
        Assert.Single(t.Alipay.Emulator.Ledger.All());
        Assert.True(t.ScanAndPay().Paid);
        t.WaitForScreen("paid");
    }

    [Fact]
    public void Alipay_unreachable_at_create_gives_no_code_and_the_terminal_closes_the_id_for_good()
    {
        using var t = Start(seed: 6);
        // Every precreate fails before Alipay does anything (each gateway create tries three times).
        for (int i = 0; i < 64; i++) t.Alipay.Emulator.Faults.Enqueue(AlipayFault.SystemError, AlipayProtocol.ServicePrecreate);
        t.WaitForScreen("amount");
        t.PressKeys("1500D");
        string orderId = t.State().OrderId!;
        Assert.NotNull(orderId);
        // The terminal gives up on the create and cancels the id, which closes it for good in the ledger.
        t.WaitFor(() => t.Gateway.FindOrder(orderId)?.Status == OrderStatus.Cancelled, TimeSpan.FromSeconds(60), "the terminal's cancel");
        Assert.NotEqual("qr", t.State().Screen);
        StoredOrder order = Ledger(t, orderId);
        Assert.Equal((OrderStatus.Cancelled, "", 0), (order.Status, order.Code, order.Payments));
        Assert.Empty(t.Alipay.Emulator.Ledger.All());
    }
}
