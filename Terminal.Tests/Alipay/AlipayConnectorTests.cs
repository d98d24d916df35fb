using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>The connector against the Alipay emulator over real loopback HTTP: the sale, its notifications and its cancel.</summary>
public class AlipayConnectorTests
{
    [Fact]
    public async Task Precreate_gives_an_alipay_qr_url_and_a_retry_with_the_same_order_id_is_the_same_order()
    {
        await using var h = await AlipayHarness.StartAsync();

        AlipayPrecreateResult first = await h.Client.PrecreateAsync("T0001-9f3c0a7e51d2b864-000017", 12500, "NOK", "Counter sale");
        AlipayPrecreateResult retry = await h.Client.PrecreateAsync("T0001-9f3c0a7e51d2b864-000017", 12500, "NOK", "Counter sale");

        Assert.Equal(PrecreateOutcome.Created, first.Outcome);
        Assert.StartsWith("https://qr.alipay.com/", first.QrCode);
        Assert.InRange(first.QrCode.Length, 40, 60);
        Assert.Equal(first.QrCode, retry.QrCode);
        EmulatorTrade trade = Assert.Single(h.Emulator.Ledger.All());
        Assert.Equal(12500, trade.AmountMinor);
        Assert.Equal("NOK", trade.Currency);
        Assert.Equal("WAIT_BUYER_PAY", trade.TradeStatus);
    }

    [Fact]
    public async Task The_same_order_id_with_another_amount_is_refused_and_changes_nothing()
    {
        await using var h = await AlipayHarness.StartAsync();
        string code = await h.CreateAsync("order-1", 12500);

        AlipayPrecreateResult other = await h.Client.PrecreateAsync("order-1", 99900, "NOK", "Counter sale");

        Assert.Equal(PrecreateOutcome.Rejected, other.Outcome);
        Assert.Equal("", other.QrCode);
        Assert.Equal(12500, h.Emulator.Ledger.Find("order-1")!.AmountMinor);
        Assert.Equal(code, h.Emulator.Ledger.Find("order-1")!.QrCode);
    }

    [Fact]
    public async Task The_wallet_pays_and_the_verified_notification_and_the_query_both_say_paid()
    {
        await using var h = await AlipayHarness.StartAsync();
        string code = await h.CreateAsync("order-1", 12500);
        Assert.Equal(QueryOutcome.WaitingForPayment, (await h.Client.QueryAsync("order-1", 12500, "NOK")).Outcome);

        Assert.Equal(WalletPayStatus.Paid, await h.Emulator.PayAsync(code));

        Assert.Equal("TRADE_SUCCESS", h.Recorder.StatusOf("order-1"));
        AlipayNotification n = Assert.Single(h.Recorder.Applied);
        Assert.Equal(12500, n.AmountMinor);
        Assert.Equal("NOK", n.Currency);
        Assert.True(Assert.Single(h.Emulator.Notifications.Deliveries).Acknowledged);
        AlipayQueryResult query = await h.Client.QueryAsync("order-1", 12500, "NOK");
        Assert.Equal(QueryOutcome.Paid, query.Outcome);
        Assert.Equal(h.Emulator.Ledger.Find("order-1")!.TradeNo, query.TradeNo);
    }

    [Fact]
    public async Task When_the_notification_is_lost_the_query_finds_the_payment()
    {
        await using var h = await AlipayHarness.StartAsync();
        h.Emulator.Notifications.Mode = NotificationMode.Never;
        string code = await h.CreateAsync("order-1", 12500);

        await h.Emulator.PayAsync(code);

        Assert.Null(h.Recorder.StatusOf("order-1"));
        Assert.Equal(QueryOutcome.Paid, (await h.Client.QueryAsync("order-1", 12500, "NOK")).Outcome);
    }

    [Fact]
    public async Task A_query_answer_with_another_amount_than_the_order_is_unknown_not_paid()
    {
        await using var h = await AlipayHarness.StartAsync();
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));

        AlipayQueryResult query = await h.Client.QueryAsync("order-1", 1250, "NOK");

        Assert.Equal(QueryOutcome.Unknown, query.Outcome);
        Assert.Equal(AlipayUnknownReason.AmountMismatch, query.ErrorCode);
    }

    [Fact]
    public async Task A_paid_answer_in_another_currency_than_the_order_is_unknown_not_paid()
    {
        await using var h = await AlipayHarness.StartAsync();
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500, "NOK"));

        AlipayQueryResult query = await h.Client.QueryAsync("order-1", 12500, "SEK");

        Assert.Equal(QueryOutcome.Unknown, query.Outcome);
    }

    [Fact]
    public async Task A_verified_notification_without_its_currency_states_no_amount()
    {
        await using var h = await AlipayHarness.StartAsync();
        using var alipay = AlipaySigner.Rsa2(h.AlipayPrivateKeyPem, h.Emulator.AlipayPublicKeyPem);
        var fields = new Dictionary<string, string>
        {
            ["notify_type"] = "trade_status_sync",
            ["notify_id"] = "n1",
            ["out_trade_no"] = "order-1",
            ["trade_status"] = "TRADE_SUCCESS",
            ["total_fee"] = "125.00",
        };
        fields["sign"] = alipay.Sign(fields);
        fields["sign_type"] = "RSA2";
        var badAmount = new Dictionary<string, string>(fields) { ["trans_currency"] = "NOK", ["total_fee"] = "12,50" };
        badAmount["sign"] = alipay.Sign(badAmount);

        AlipayNotificationResult read = h.Client.ReadNotification(fields);
        AlipayNotificationResult bad = h.Client.ReadNotification(badAmount);

        Assert.True(read.IsVerified);
        Assert.Equal(-1, read.Notification!.AmountMinor);
        Assert.Equal("", read.Notification.Currency);
        Assert.False(bad.IsVerified);
        Assert.Equal("total_fee", bad.RefusalReason);
    }

    [Fact]
    public async Task Forged_tampered_and_unsigned_notifications_are_refused_and_change_nothing()
    {
        await using var h = await AlipayHarness.StartAsync();
        await h.CreateAsync("order-1", 12500);
        var fields = AlipayHarness.PaidNotificationFields("order-1", "2026000000000001", "125.00");
        // Signed with a key that is not Alipay's (the partner's own, the one a thief of the gateway's config would have).
        using var forger = AlipaySigner.Rsa2(h.PartnerPrivateKeyPem, h.Emulator.AlipayPublicKeyPem);
        var forged = AlipayHarness.Signed(fields, forger);
        var unsigned = new Dictionary<string, string>(fields) { ["sign_type"] = "RSA2" };
        var wrongType = AlipayHarness.Signed(fields, forger, signType: "RSA");

        Assert.Equal("fail", await h.PostNotificationAsync(forged));
        Assert.Equal("fail", await h.PostNotificationAsync(unsigned));
        Assert.Equal("fail", await h.PostNotificationAsync(wrongType));
        Assert.Equal("fail", await h.PostNotificationAsync(Array.Empty<KeyValuePair<string, string>>()));

        Assert.Null(h.Recorder.StatusOf("order-1"));
        Assert.Empty(h.Recorder.Applied);
        Assert.Equal(QueryOutcome.WaitingForPayment, (await h.Client.QueryAsync("order-1", 12500, "NOK")).Outcome);
    }

    [Fact]
    public async Task A_notification_signed_by_alipay_is_accepted_but_the_same_with_one_field_changed_is_refused()
    {
        await using var h = await AlipayHarness.StartAsync();
        await h.CreateAsync("order-1", 12500);
        var fields = AlipayHarness.PaidNotificationFields("order-1", "2026000000000001", "125.00");
        using var alipay = AlipaySigner.Rsa2(h.AlipayPrivateKeyPem, h.Emulator.AlipayPublicKeyPem);
        var genuine = AlipayHarness.Signed(fields, alipay);
        var tampered = new Dictionary<string, string>(genuine) { ["out_trade_no"] = "order-2" };
        var extraField = new Dictionary<string, string>(genuine) { ["refund_fee"] = "0.00" };

        Assert.Equal("fail", await h.PostNotificationAsync(tampered));
        Assert.Equal("fail", await h.PostNotificationAsync(extraField));
        Assert.Empty(h.Recorder.Applied);
        Assert.Equal("success", await h.PostNotificationAsync(genuine));
        Assert.Equal("TRADE_SUCCESS", h.Recorder.StatusOf("order-1"));
        Assert.Null(h.Recorder.StatusOf("order-2"));
    }

    [Fact]
    public async Task Oversized_chunked_and_non_form_notification_posts_are_not_read()
    {
        await using var h = await AlipayHarness.StartAsync();
        using var http = new HttpClient();
        var big = new Dictionary<string, string> { ["notify_type"] = "trade_status_sync", ["padding"] = new string('x', AlipayNotificationEndpoint.MaxFormBytes) };
        var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes("notify_type=trade_status_sync")));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, h.NotifyUrl) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        Assert.Equal("fail", await h.PostNotificationAsync(big));
        Assert.Equal("fail", await (await http.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal("fail", await (await http.PostAsync(h.NotifyUrl, new StringContent("{\"trade_status\":\"TRADE_SUCCESS\"}"))).Content.ReadAsStringAsync());
        Assert.Empty(h.Recorder.Applied);
    }

    [Fact]
    public async Task A_duplicated_notification_is_acknowledged_twice_and_changes_the_order_once()
    {
        await using var h = await AlipayHarness.StartAsync();
        h.Emulator.Notifications.Mode = NotificationMode.Duplicated;

        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));

        Assert.Equal(2, h.Emulator.Notifications.Deliveries.Count);
        Assert.All(h.Emulator.Notifications.Deliveries, d => Assert.True(d.Acknowledged));
        Assert.Single(h.Recorder.Applied.Select(a => a.NotifyId).Distinct());
        Assert.Equal("TRADE_SUCCESS", h.Recorder.StatusOf("order-1"));
    }

    [Fact]
    public async Task Late_notifications_arriving_out_of_order_never_move_the_order_back()
    {
        await using var h = await AlipayHarness.StartAsync();
        h.Emulator.Notifications.Mode = NotificationMode.Held;
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));
        // Paid, then reversed by a cancel (the cashier's cancel raced the payment): SUCCESS then CLOSED.
        Assert.Equal(CancelOutcome.Reversed, (await h.Client.CancelAsync("order-1")).Outcome);
        Assert.Equal(2, h.Emulator.Notifications.HeldCount);

        await h.Emulator.Notifications.ReleaseHeldAsync(newestFirst: true);

        Assert.Equal(new[] { "TRADE_CLOSED", "TRADE_SUCCESS" }, h.Recorder.Applied.Select(a => a.TradeStatus));
        Assert.Equal("TRADE_CLOSED", h.Recorder.StatusOf("order-1"));
        Assert.Equal("TRADE_CLOSED", h.Emulator.Ledger.Find("order-1")!.TradeStatus);
    }

    [Fact]
    public async Task A_notification_the_merchant_could_not_store_is_answered_fail_sent_again_and_then_counts_once()
    {
        await using var h = await AlipayHarness.StartAsync();
        h.Recorder.FailNextApplies = 1;

        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));
        Assert.False(Assert.Single(h.Emulator.Notifications.Deliveries).Acknowledged);
        Assert.Null(h.Recorder.StatusOf("order-1"));

        await h.Emulator.Notifications.ResendUnacknowledgedAsync();

        Assert.Equal(2, h.Emulator.Notifications.Deliveries.Count);
        Assert.True(h.Emulator.Notifications.Deliveries[1].Acknowledged);
        Assert.Equal("TRADE_SUCCESS", h.Recorder.StatusOf("order-1"));
        await h.Emulator.Notifications.ResendUnacknowledgedAsync();
        Assert.Equal(2, h.Emulator.Notifications.Deliveries.Count);
    }

    [Fact]
    public async Task Cancel_closes_an_unpaid_order_for_good()
    {
        await using var h = await AlipayHarness.StartAsync();
        string code = await h.CreateAsync("order-1", 12500);

        Assert.Equal(CancelOutcome.Closed, (await h.Client.CancelAsync("order-1")).Outcome);
        Assert.Equal(CancelOutcome.Closed, (await h.Client.CancelAsync("order-1")).Outcome);

        Assert.Equal(WalletPayStatus.Closed, await h.Emulator.PayAsync(code));
        Assert.Equal(QueryOutcome.Closed, (await h.Client.QueryAsync("order-1", 12500, "NOK")).Outcome);
        AlipayPrecreateResult again = await h.Client.PrecreateAsync("order-1", 12500, "NOK", "Counter sale");
        Assert.Equal(PrecreateOutcome.Rejected, again.Outcome);
        Assert.Equal("TRADE_HAS_CLOSE", again.ErrorCode);
    }

    [Fact]
    public async Task A_trade_alipay_closed_for_want_of_payment_is_closed_on_both_sides_and_cannot_be_paid()
    {
        await using var h = await AlipayHarness.StartAsync();
        string unpaid = await h.CreateAsync("order-1", 12500);
        await h.Emulator.PayAsync(await h.CreateAsync("order-2", 500));

        await h.Emulator.CloseUnpaidTradesAsync();

        Assert.Equal("TRADE_CLOSED", h.Recorder.StatusOf("order-1"));
        Assert.Equal("TRADE_SUCCESS", h.Recorder.StatusOf("order-2"));
        Assert.Equal(QueryOutcome.Closed, (await h.Client.QueryAsync("order-1", 12500, "NOK")).Outcome);
        Assert.Equal(WalletPayStatus.Closed, await h.Emulator.PayAsync(unpaid));
        Assert.Equal(CancelOutcome.Closed, (await h.Client.CancelAsync("order-1")).Outcome);
    }

    [Fact]
    public async Task A_cancel_for_an_order_alipay_never_saw_closes_the_id_so_a_late_precreate_cannot_open_it()
    {
        await using var h = await AlipayHarness.StartAsync();

        AlipayCancelResult cancel = await h.Client.CancelAsync("order-lost");
        AlipayPrecreateResult late = await h.Client.PrecreateAsync("order-lost", 12500, "NOK", "Counter sale");

        Assert.Equal(CancelOutcome.NotFound, cancel.Outcome);
        Assert.Equal(PrecreateOutcome.Rejected, late.Outcome);
        Assert.Equal("TRADE_HAS_CLOSE", late.ErrorCode);
        Assert.Empty(h.Emulator.Ledger.All());
    }

    [Fact]
    public async Task Cancel_racing_the_payment_ends_with_both_sides_agreeing_every_time()
    {
        await using var h = await AlipayHarness.StartAsync();
        int paidFirst = 0, cancelledFirst = 0;
        for (int i = 0; i < 30; i++)
        {
            string orderId = "race-" + i;
            string code = await h.CreateAsync(orderId, 1000 + i);
            Task<WalletPayStatus> pay = Task.Run(() => h.Emulator.PayAsync(code));
            Task<AlipayCancelResult> cancel = Task.Run(() => h.Client.CancelAsync(orderId));
            WalletPayStatus paid = await pay;
            AlipayCancelResult cancelled = await cancel;

            EmulatorTrade trade = h.Emulator.Ledger.Find(orderId)!;
            if (paid == WalletPayStatus.Paid)
            {
                // The tourist paid first: the cancel reversed it in full; nobody is charged in the end.
                paidFirst++;
                Assert.Equal(CancelOutcome.Reversed, cancelled.Outcome);
                Assert.Equal(trade.AmountMinor, trade.RefundedMinor);
            }
            else
            {
                cancelledFirst++;
                Assert.Equal(WalletPayStatus.Closed, paid);
                Assert.Equal(CancelOutcome.Closed, cancelled.Outcome);
                Assert.False(trade.Paid);
            }
            Assert.Equal("TRADE_CLOSED", trade.TradeStatus);
            Assert.Equal(QueryOutcome.Closed, (await h.Client.QueryAsync(orderId, 1000 + i, "NOK")).Outcome);
        }
        Assert.Equal(30, paidFirst + cancelledFirst);
    }

    [Fact]
    public async Task Before_the_code_is_scanned_alipay_may_not_know_the_trade_and_that_is_never_read_as_closed_or_paid()
    {
        await using var h = await AlipayHarness.StartAsync();
        h.Emulator.Ledger.HideUnscannedTradesFromQuery = true;
        string code = await h.CreateAsync("order-1", 12500);

        AlipayQueryResult before = await h.Client.QueryAsync("order-1", 12500, "NOK");
        await h.Emulator.PayAsync(code);
        AlipayQueryResult after = await h.Client.QueryAsync("order-1", 12500, "NOK");

        Assert.Equal(QueryOutcome.NotFound, before.Outcome);
        Assert.Equal(QueryOutcome.Paid, after.Outcome);
    }

    [Fact]
    public async Task Md5_partners_sign_and_verify_the_whole_sale()
    {
        await using var h = await AlipayHarness.StartAsync(signType: AlipaySignType.MD5);

        string code = await h.CreateAsync("order-1", 12500);
        await h.Emulator.PayAsync(code);

        Assert.Equal("TRADE_SUCCESS", h.Recorder.StatusOf("order-1"));
        Assert.Equal(QueryOutcome.Paid, (await h.Client.QueryAsync("order-1", 12500, "NOK")).Outcome);
    }

    [Fact]
    public async Task Alipay_refuses_a_request_signed_with_another_key_and_the_refusal_is_unknown_never_a_verdict()
    {
        await using var h = await AlipayHarness.StartAsync();
        using var other = System.Security.Cryptography.RSA.Create(2048);
        AlipayOptions options = CopyOf(h.Options);
        options.PrivateKeyPem = other.ExportPkcs8PrivateKeyPem();
        using AlipayClient impostor = h.NewClient(options);

        AlipayPrecreateResult result = await impostor.PrecreateAsync("order-1", 12500, "NOK", "Counter sale");

        Assert.Equal(PrecreateOutcome.Unknown, result.Outcome);
        Assert.Equal(AlipayUnknownReason.UnsignedRefusal + ":ILLEGAL_SIGN", result.ErrorCode);
        Assert.Empty(h.Emulator.Ledger.All());
    }

    [Fact]
    public async Task Answers_that_do_not_verify_with_the_configured_alipay_key_are_unknown()
    {
        await using var h = await AlipayHarness.StartAsync();
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));
        using var other = System.Security.Cryptography.RSA.Create(2048);
        AlipayOptions options = CopyOf(h.Options);
        options.AlipayPublicKeyPem = other.ExportSubjectPublicKeyInfoPem();
        using AlipayClient misconfigured = h.NewClient(options);

        AlipayQueryResult query = await misconfigured.QueryAsync("order-1", 12500, "NOK");

        Assert.Equal(QueryOutcome.Unknown, query.Outcome);
        Assert.Equal(AlipayUnknownReason.BadSignature, query.ErrorCode);
    }

    internal static AlipayOptions CopyOf(AlipayOptions o) => new()
    {
        PartnerId = o.PartnerId,
        SignType = o.SignType,
        PrivateKeyPem = o.PrivateKeyPem,
        AlipayPublicKeyPem = o.AlipayPublicKeyPem,
        Md5Key = o.Md5Key,
        GatewayUrl = o.GatewayUrl,
        NotifyUrl = o.NotifyUrl,
        SettlementCurrency = o.SettlementCurrency,
        RequestTimeout = o.RequestTimeout,
    };
}
