using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.Alipay;

/// <summary>
/// A seeded campaign at the connector level: many sales against an emulator that fails about a third of all
/// requests (before or after doing them; the two hanging faults are left to <see cref="AlipayFaultTests"/>,
/// which covers them per service, to keep this run short). The merchant side follows the house rules: retry
/// with the same ids, query, then cancel; refund with a fixed refund id until an answer is definite. At the end
/// not one Paid, Created or Refunded was false, no refund was made twice or past the paid amount, and the
/// merchant's view equals Alipay's for every order.
/// </summary>
public class AlipayFaultCampaignTests
{
    private readonly ITestOutputHelper _output;

    public AlipayFaultCampaignTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private sealed class OrderView
    {
        public required string Id;
        public required long AmountMinor;
        public bool BelievedPaid;
        public bool BelievedClosed;
        public readonly Dictionary<string, long> RefundsMade = new();
        public readonly Dictionary<string, long> RefundsUnknown = new();
    }

    [Theory]
    [InlineData(20261130)]
    [InlineData(7)]
    public async Task Seeded_fault_campaign_gives_no_false_success_no_double_refund_and_agreement(int seed)
    {
        await using var h = await AlipayHarness.StartAsync(seed: seed);
        var random = new Random(seed);
        h.Emulator.Faults.EnableRandom(seed, 0.3,
            AlipayFault.DropConnection, AlipayFault.HttpError, AlipayFault.SystemError, AlipayFault.ResultUnknown,
            AlipayFault.UnsignedRefusal, AlipayFault.ApplyThenDropConnection, AlipayFault.ApplyThenSystemError,
            AlipayFault.ApplyThenBadSignature, AlipayFault.ApplyThenUnsigned);
        int falseSuccess = 0, unknowns = 0, repeatedRefundIds = 0;
        var orders = new List<OrderView>();

        for (int i = 0; i < 80; i++)
        {
            var order = new OrderView { Id = "camp-" + seed + "-" + i, AmountMinor = random.Next(100, 100_000) };
            orders.Add(order);

            AlipayPrecreateResult created = await Retry(() => h.Client.PrecreateAsync(order.Id, order.AmountMinor, "NOK", "Counter sale"), r => r.Outcome != PrecreateOutcome.Unknown, 4, () => unknowns++);
            if (created.Outcome == PrecreateOutcome.Created)
            {
                if (h.Emulator.Ledger.Find(order.Id)?.QrCode != created.QrCode) falseSuccess++;
                if (random.NextDouble() < 0.7) await h.Emulator.PayAsync(created.QrCode);
            }

            AlipayQueryResult query = await Retry(() => h.Client.QueryAsync(order.Id, order.AmountMinor, "NOK"), r => r.Outcome != QueryOutcome.Unknown, 6, () => unknowns++);
            if (query.Outcome == QueryOutcome.Paid)
            {
                if (h.Emulator.Ledger.Find(order.Id)?.Paid != true) falseSuccess++;
                order.BelievedPaid = true;
                int refunds = random.Next(0, 4);
                for (int r = 0; r < refunds; r++)
                {
                    string refundId = order.Id + "-r" + r;
                    long amount = random.Next(1, (int)order.AmountMinor + 1) / (r + 1);
                    if (amount == 0) amount = 1;
                    await RefundUntilDefiniteAsync(h, order, refundId, amount, 6, () => unknowns++, () => falseSuccess++);
                    if (order.RefundsMade.ContainsKey(refundId) && random.NextDouble() < 0.3)
                    {
                        repeatedRefundIds++;
                        await RefundUntilDefiniteAsync(h, order, refundId, amount, 6, () => unknowns++, () => falseSuccess++);
                    }
                }
            }
            else
            {
                // Not known to be paid: query, then cancel (Alipay's guidance), until the cancel's answer is definite.
                AlipayCancelResult cancel = await Retry(() => h.Client.CancelAsync(order.Id), r => r.Outcome != CancelOutcome.Unknown, 8, () => unknowns++);
                if (cancel.Outcome == CancelOutcome.Closed && h.Emulator.Ledger.Find(order.Id) is { Paid: true }) falseSuccess++;
                order.BelievedClosed = cancel.Outcome is CancelOutcome.Closed or CancelOutcome.Reversed or CancelOutcome.NotFound;
                order.BelievedPaid = false;
            }
        }

        // Reconciliation with Alipay healthy again: every refund left unknown is retried with its own id.
        h.Emulator.Faults.DisableRandom();
        foreach (OrderView order in orders)
            foreach (var (refundId, amount) in order.RefundsUnknown.ToList())
                await RefundUntilDefiniteAsync(h, order, refundId, amount, 1, () => unknowns++, () => falseSuccess++);

        int paidOrders = 0, refundsMade = 0;
        foreach (OrderView order in orders)
        {
            EmulatorTrade? trade = h.Emulator.Ledger.Find(order.Id);
            Assert.Empty(order.RefundsUnknown);
            List<EmulatorRefund> merchantRefunds = trade?.Refunds.Where(r => !r.RefundId.StartsWith("cancel-", StringComparison.Ordinal)).ToList() ?? new();
            // No double refund: one entry per refund id, never more than was paid.
            Assert.Equal(merchantRefunds.Count, merchantRefunds.Select(r => r.RefundId).Distinct().Count());
            if (trade != null) Assert.InRange(trade.RefundedMinor, 0, trade.AmountMinor);
            // Agreement: what the merchant believes is what Alipay holds.
            Assert.Equal(order.RefundsMade.OrderBy(r => r.Key), merchantRefunds.Select(r => new KeyValuePair<string, long>(r.RefundId, r.AmountMinor)).OrderBy(r => r.Key));
            if (order.BelievedPaid)
            {
                paidOrders++;
                Assert.True(trade!.Paid);
                Assert.Equal(order.RefundsMade.Values.Sum() == order.AmountMinor ? "TRADE_CLOSED" : "TRADE_SUCCESS", trade.TradeStatus);
            }
            else
            {
                Assert.True(order.BelievedClosed, order.Id + " was left unsettled");
                Assert.True(trade is null || trade.TradeStatus == "TRADE_CLOSED");
                Assert.True(trade is null || !trade.Paid || trade.RefundedMinor == trade.AmountMinor, order.Id + ": paid and not reversed, but the merchant believes it unpaid");
            }
            // Notifications never claimed more than Alipay did.
            string? notified = h.Recorder.StatusOf(order.Id);
            if (AlipayTradeStatus.IsPaid(notified)) Assert.True(trade!.Paid);
            refundsMade += order.RefundsMade.Count;
        }

        int faults = Enum.GetValues<AlipayFault>().Sum(f => h.Emulator.Faults.InjectedCount(f));
        _output.WriteLine($"seed {seed}: {orders.Count} orders, {paidOrders} paid, {refundsMade} refunds ({repeatedRefundIds} ids sent again after success), " +
            $"{h.Emulator.GatewayRequests} requests, {faults} faults injected, {unknowns} unknown answers, {falseSuccess} false successes");
        Assert.Equal(0, falseSuccess);
        Assert.True(faults > 100, "the campaign injected only " + faults + " faults");
        Assert.True(paidOrders > 20 && refundsMade > 10, "the campaign did too little to mean anything");
    }

    private static async Task RefundUntilDefiniteAsync(AlipayHarness h, OrderView order, string refundId, long amount, int attempts, Action onUnknown, Action onFalseSuccess)
    {
        AlipayRefundResult result = await Retry(() => h.Client.RefundAsync(order.Id, refundId, amount, "NOK", "campaign"), r => r.Outcome != RefundOutcome.Unknown, attempts, onUnknown);
        switch (result.Outcome)
        {
            case RefundOutcome.Refunded:
                EmulatorRefund? made = h.Emulator.Ledger.Find(order.Id)?.Refunds.FirstOrDefault(r => r.RefundId == refundId);
                if (made is null || made.AmountMinor != amount) onFalseSuccess();
                order.RefundsMade[refundId] = amount;
                order.RefundsUnknown.Remove(refundId);
                break;
            case RefundOutcome.Rejected:
                order.RefundsUnknown.Remove(refundId);
                break;
            default:
                order.RefundsUnknown[refundId] = amount;
                break;
        }
    }

    private static async Task<T> Retry<T>(Func<Task<T>> call, Func<T, bool> definite, int attempts, Action onUnknown)
    {
        T result = await call();
        for (int i = 1; i < attempts && !definite(result); i++)
        {
            onUnknown();
            result = await call();
        }
        if (!definite(result)) onUnknown();
        return result;
    }
}
