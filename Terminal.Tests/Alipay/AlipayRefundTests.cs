using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>Refunds through alipay.acquire.overseas.spot.refund: idempotent by partner_refund_id, never more than was paid.</summary>
public class AlipayRefundTests
{
    private static async Task<AlipayHarness> PaidOrderAsync(long amountMinor)
    {
        var h = await AlipayHarness.StartAsync();
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", amountMinor));
        return h;
    }

    [Fact]
    public async Task A_full_refund_closes_the_trade()
    {
        await using var h = await PaidOrderAsync(12500);

        AlipayRefundResult refund = await h.Client.RefundAsync("order-1", "refund-1", 12500, "NOK", "customer returned goods");

        Assert.Equal(RefundOutcome.Refunded, refund.Outcome);
        Assert.Equal(12500, refund.RefundedMinor);
        EmulatorTrade trade = h.Emulator.Ledger.Find("order-1")!;
        Assert.Equal(12500, trade.RefundedMinor);
        Assert.Equal("customer returned goods", Assert.Single(trade.Refunds).Reason);
        Assert.Equal("TRADE_CLOSED", trade.TradeStatus);
        Assert.Equal("TRADE_CLOSED", h.Recorder.StatusOf("order-1"));
    }

    [Fact]
    public async Task The_same_refund_id_twice_is_one_refund()
    {
        await using var h = await PaidOrderAsync(12500);

        AlipayRefundResult first = await h.Client.RefundAsync("order-1", "refund-1", 5000, "NOK", "");
        AlipayRefundResult again = await h.Client.RefundAsync("order-1", "refund-1", 5000, "NOK", "");

        Assert.Equal(RefundOutcome.Refunded, first.Outcome);
        Assert.Equal(RefundOutcome.Refunded, again.Outcome);
        EmulatorTrade trade = h.Emulator.Ledger.Find("order-1")!;
        Assert.Single(trade.Refunds);
        Assert.Equal(5000, trade.RefundedMinor);
        Assert.Equal("TRADE_SUCCESS", trade.TradeStatus);
    }

    [Fact]
    public async Task The_same_refund_id_with_another_amount_is_refused()
    {
        await using var h = await PaidOrderAsync(12500);
        await h.Client.RefundAsync("order-1", "refund-1", 5000, "NOK", "");

        AlipayRefundResult other = await h.Client.RefundAsync("order-1", "refund-1", 6000, "NOK", "");

        Assert.Equal(RefundOutcome.Rejected, other.Outcome);
        Assert.Equal(5000, h.Emulator.Ledger.Find("order-1")!.RefundedMinor);
    }

    [Fact]
    public async Task Partial_refunds_that_would_sum_past_the_paid_amount_are_refused()
    {
        await using var h = await PaidOrderAsync(1000);

        AlipayRefundResult first = await h.Client.RefundAsync("order-1", "r1", 600, "NOK", "");
        AlipayRefundResult second = await h.Client.RefundAsync("order-1", "r2", 300, "NOK", "");
        AlipayRefundResult tooMuch = await h.Client.RefundAsync("order-1", "r3", 200, "NOK", "");
        AlipayRefundResult rest = await h.Client.RefundAsync("order-1", "r4", 100, "NOK", "");

        Assert.Equal(RefundOutcome.Refunded, first.Outcome);
        Assert.Equal(RefundOutcome.Refunded, second.Outcome);
        Assert.Equal(RefundOutcome.Rejected, tooMuch.Outcome);
        Assert.Equal("REFUND_AMT_RESTRICTION", tooMuch.ErrorCode);
        Assert.Equal(RefundOutcome.Refunded, rest.Outcome);
        Assert.Equal(1000, h.Emulator.Ledger.Find("order-1")!.RefundedMinor);
        Assert.Equal(RefundOutcome.Rejected, (await h.Client.RefundAsync("order-1", "r5", 1, "NOK", "")).Outcome);
    }

    [Fact]
    public async Task Unpaid_unknown_and_wrong_currency_orders_are_not_refunded()
    {
        await using var h = await AlipayHarness.StartAsync();
        await h.CreateAsync("order-unpaid", 1000);
        await h.Emulator.PayAsync(await h.CreateAsync("order-paid", 1000));

        Assert.Equal(RefundOutcome.Rejected, (await h.Client.RefundAsync("order-unpaid", "r1", 1000, "NOK", "")).Outcome);
        AlipayRefundResult missing = await h.Client.RefundAsync("order-none", "r2", 1000, "NOK", "");
        Assert.Equal(RefundOutcome.Rejected, missing.Outcome);
        Assert.Equal("PURCHASE_TRADE_NOT_EXIST", missing.ErrorCode);
        Assert.Equal(RefundOutcome.Rejected, (await h.Client.RefundAsync("order-paid", "r3", 1000, "SEK", "")).Outcome);
        Assert.All(h.Emulator.Ledger.All(), t => Assert.Empty(t.Refunds));
    }

    [Theory]
    [InlineData(AlipayFault.ApplyThenDropConnection)]
    [InlineData(AlipayFault.ApplyThenSystemError)]
    [InlineData(AlipayFault.ApplyThenBadSignature)]
    [InlineData(AlipayFault.ApplyThenUnsigned)]
    public async Task A_refund_made_but_its_answer_lost_is_unknown_and_its_retry_with_the_same_id_is_the_same_refund(AlipayFault fault)
    {
        await using var h = await PaidOrderAsync(12500);
        h.Emulator.Faults.Enqueue(fault, AlipayProtocol.ServiceRefund);

        AlipayRefundResult lost = await h.Client.RefundAsync("order-1", "refund-1", 4000, "NOK", "");
        AlipayRefundResult retry = await h.Client.RefundAsync("order-1", "refund-1", 4000, "NOK", "");

        Assert.Equal(RefundOutcome.Unknown, lost.Outcome);
        Assert.Equal(RefundOutcome.Refunded, retry.Outcome);
        Assert.Single(h.Emulator.Ledger.Find("order-1")!.Refunds);
        Assert.Equal(4000, h.Emulator.Ledger.Find("order-1")!.RefundedMinor);
    }

    [Fact]
    public async Task Bad_refund_input_is_refused_before_anything_is_sent()
    {
        await using var h = await PaidOrderAsync(12500);
        int before = h.Emulator.GatewayRequests;

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.RefundAsync("order-1", "", 100, "NOK", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.RefundAsync("order-1", new string('r', 65), 100, "NOK", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.RefundAsync("order-1", "r&x=1", 100, "NOK", ""));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Client.RefundAsync("order-1", "r1", 0, "NOK", ""));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.RefundAsync("order-1", "r1", 100, "ISK", ""));

        Assert.Equal(before, h.Emulator.GatewayRequests);
        Assert.Empty(h.Emulator.Ledger.Find("order-1")!.Refunds);
    }
}
