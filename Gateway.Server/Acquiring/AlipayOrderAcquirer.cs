using Gateway.Acquirers.Alipay;
using Gateway.Server.Storage;
using Microsoft.Extensions.Logging;
using Terminal.Drivers.Timing;

namespace Gateway.Server.Acquiring;

/// <summary>
/// Orders at Alipay (docs/alipay.md, "How the gateway server plugs it in"): create precreates with the terminal's
/// order id as out_trade_no and stores Alipay's qr_code; PAID comes only from Alipay (a verified notification, or
/// a query by the reconciler while the terminal long-polls); cancel asks Alipay first (a paid order stays PAID)
/// and closes the trade there; an order the ledger ended unpaid stays "acquirer open" until Alipay confirms the
/// trade closed, or reversed a payment that came too late, so both sides end in the same state. Every change of
/// one order is made under that order's lock (<see cref="IGatewayStore.LockOrderAsync"/>: on PostgreSQL it holds
/// across every server instance), so a notification cannot slip between a cancel's query and its cancel.
/// </summary>
public sealed class AlipayOrderAcquirer : IOrderAcquirer
{
    /// <summary>The note of an order whose payment Alipay reversed because the ledger had ended it: the tourist is not charged.</summary>
    public const string NoteReversed = "paid and reversed";
    public const string NoteClosed = "closed";
    public const string NotePaidByNotification = "paid (notification)";
    public const string NotePaidByQuery = "paid (query)";
    private const int ReconcileBatch = 64;

    private readonly IGatewayStore _store;
    private readonly AlipayAcquirer _alipay;
    private readonly IWallClock _clock;
    private readonly ILogger _log;
    private readonly string _subject;

    public AlipayOrderAcquirer(IGatewayStore store, AlipayAcquirer alipay, AlipayClient client, IWallClock clock, ILogger log, string subject)
    {
        _store = store;
        _alipay = alipay;
        Client = client;
        _clock = clock;
        _log = log;
        _subject = subject;
    }

    public string Name => OrderAcquirers.Alipay;

    /// <summary>The connector; the notify_url endpoint verifies notifications with it.</summary>
    public AlipayClient Client { get; }

    public async Task<AcquirerCreation> CreateAsync(string terminalId, string orderId, long amountMinor, string currency, long nowUnix, long expiresAtUnix)
    {
        // A retry (or a conflict, or an id a cancel closed): the ledger answers; Alipay is not asked again.
        async Task<AcquirerCreation> FromLedgerAsync() =>
            new(await _store.CreateOrderAsync(terminalId, orderId, amountMinor, currency, "", nowUnix, expiresAtUnix, Name), null);
        if (await _store.FindOrderAsync(orderId) != null) return await FromLedgerAsync();
        if (!AlipayAmount.IsSupported(currency))
            return new(default, null) { RefusedReason = "currency " + currency + " is not offered through Alipay (NOK, SEK, DKK, EUR)" };
        await using (await LockAsync(orderId))
        {
            if (await _store.FindOrderAsync(orderId) != null) return await FromLedgerAsync(); // a concurrent create or cancel came first
            AcquirerCreateResult created = await _alipay.CreateAsync(orderId, amountMinor, currency, _subject);
            if (created.Verdict == AcquirerVerdict.Pending && created.Code.Length > 0)
            {
                OrderOutcome outcome = await _store.CreateOrderAsync(terminalId, orderId, amountMinor, currency, created.Code, nowUnix, expiresAtUnix, Name);
                if (outcome.Order is { } stored && stored.Code != created.Code)
                    // Another request settled the id first (closed it): the trade just made at Alipay must be closed too.
                    await _store.SetAcquirerStateAsync(orderId, Name, open: true, note: null);
                return new(outcome, null);
            }
            _log.LogWarning("Alipay create of {OrderId}: {Verdict} {Detail}", orderId, created.Verdict, created.Detail);
            if (created.Verdict == AcquirerVerdict.Refused)
                return new(default, null) { RefusedReason = "Alipay refused the order (" + created.Detail + ")" };
            // Unknown (or settled in a way a fresh id cannot be): the terminal retries the same id, or cancels it.
            return new(default, "alipay " + created.Verdict.ToString().ToLowerInvariant() + " " + created.Detail);
        }
    }

    public async Task<OrderOutcome> CancelAsync(string terminalId, string orderId, long amountMinor, string? currency, long nowUnix)
    {
        await using (await LockAsync(orderId))
        {
            StoredOrder? order = await _store.GetOrderAsync(terminalId, orderId, nowUnix);
            // A cancel naming only the id (currency null) is about whatever amount the order has.
            bool namesOtherAmount = currency != null && (order?.AmountMinor != amountMinor || order?.Currency != currency);
            if (order == null || order.Status != OrderStatus.Pending || order.Acquirer != Name || namesOtherAmount)
            {
                OrderOutcome outcome = await _store.CancelOrderAsync(terminalId, orderId, amountMinor, currency, nowUnix);
                if (order == null && outcome.Order is { Created: false } closed)
                {
                    // The create may have reached Alipay with its answer lost: close the trade there for good as well.
                    await _store.SetAcquirerStateAsync(orderId, Name, open: true, note: null);
                    await CloseAtAlipayAsync(closed);
                }
                return outcome;
            }
            AcquirerVerdict verdict = await _alipay.CancelAsync(orderId, order.AmountMinor, order.Currency);
            if (verdict == AcquirerVerdict.Paid)
            {
                StoredOrder? paid = await _store.MarkPaidAsync(orderId, _clock.UnixSeconds, NotePaidByQuery);
                if (paid != null) return OrderOutcome.Of(paid, nowUnix);
                // Expired in the ledger meanwhile: the reconciler reverses Alipay's payment; answer the ledger.
                return OrderOutcome.Of((await _store.GetOrderAsync(terminalId, orderId, nowUnix))!, nowUnix);
            }
            OrderOutcome cancelled = await _store.CancelOrderAsync(terminalId, orderId, amountMinor, currency, nowUnix);
            if (verdict == AcquirerVerdict.Closed) await _store.SetAcquirerStateAsync(orderId, Name, open: false, NoteClosed);
            else if (verdict == AcquirerVerdict.Reversed) await _store.SetAcquirerStateAsync(orderId, Name, open: false, NoteReversed);
            // Unknown: the ledger says CANCELLED and the order stays open; the reconciler closes (or reverses) it at Alipay.
            return cancelled;
        }
    }

    public async Task<(string Status, string Detail)?> RefundAsync(StoredOrder order, StoredRefund refund)
    {
        AlipayRefundResult result = await _alipay.RefundAsync(order.OrderId, refund.RefundId, refund.AmountMinor, refund.Currency,
            refund.Reason.Length > 0 ? refund.Reason : "refund");
        return result.Outcome switch
        {
            RefundOutcome.Refunded => (RefundStatus.Refunded, "alipay"),
            RefundOutcome.Rejected => (RefundStatus.Refused, "alipay " + result.ErrorCode),
            _ => null,
        };
    }

    /// <summary>
    /// A verified notification (AlipayNotificationEndpoint): true once the ledger agrees with it (Alipay then stops
    /// resending), false for an order this ledger does not hold yet or a failed query (Alipay sends it again).
    /// </summary>
    public async Task<bool> ApplyNotificationAsync(AlipayNotification n)
    {
        await using (await LockAsync(n.OutTradeNo))
        {
            StoredOrder? order = await _store.FindOrderAsync(n.OutTradeNo);
            if (order == null || order.Acquirer != Name)
            {
                _log.LogWarning("Alipay notification for {OrderId}, which this ledger does not hold", n.OutTradeNo);
                return false;
            }
            bool saysPaid = AlipayTradeStatus.IsPaid(n.TradeStatus);
            if (!saysPaid && n.TradeStatus != AlipayProtocol.TradeClosed) return true; // nothing that moves the ledger
            if (order.Status == OrderStatus.Paid) return true; // refunds are the ledger's own records
            // A notification only wakes us: Alipay signs every merchant's notifications with one key, and whoever
            // creates a trade chooses its notify_url and out_trade_no, so another merchant's trade could be notified
            // here under one of our order ids. Only our own signed query (our partner id, our trade, the amount
            // checked) says what happened.
            AcquirerVerdict asked = await _alipay.CheckAsync(order.OrderId, order.AmountMinor, order.Currency);
            switch (asked)
            {
                case AcquirerVerdict.Paid:
                    return await ApplyPaidAsync(order, saysPaid ? NotePaidByNotification : NotePaidByQuery);
                case AcquirerVerdict.Closed:
                    if (order.Status == OrderStatus.Pending)
                        await _store.CancelOrderAsync(order.TerminalId, order.OrderId, order.AmountMinor, order.Currency, _clock.UnixSeconds);
                    if (order.AcquirerOpen) await _store.SetAcquirerStateAsync(order.OrderId, Name, open: false, NoteClosed);
                    return true;
                case AcquirerVerdict.Pending when !saysPaid:
                    _log.LogWarning("Alipay notification says {OrderId} is closed, Alipay's query says it waits: ignored", order.OrderId);
                    return true;
                default:
                    return false; // no answer yet, or paid not yet visible to the query: Alipay sends it again
            }
        }
    }

    public async Task<int> ReconcileAsync(long nowUnix, long minAgeSeconds)
    {
        int settled = 0;
        foreach (StoredOrder listed in await _store.OrdersToReconcileAsync(nowUnix - minAgeSeconds, ReconcileBatch))
        {
            if (listed.Acquirer != Name) continue;
            await using (await LockAsync(listed.OrderId))
            {
                StoredOrder? order = await _store.FindOrderAsync(listed.OrderId);
                if (order == null || !order.AcquirerOpen) continue;
                if (order.Status == OrderStatus.Pending)
                {
                    // Past its expiry but not yet swept: the housekeeping marks it EXPIRED first, then it is closed here.
                    if (order.AsOf(nowUnix).Status != OrderStatus.Pending) continue;
                    AcquirerVerdict verdict = await _alipay.CheckAsync(order.OrderId, order.AmountMinor, order.Currency);
                    if (verdict == AcquirerVerdict.Paid && await ApplyPaidAsync(order, NotePaidByQuery)) settled++;
                    else if (verdict == AcquirerVerdict.Closed)
                    {
                        await _store.CancelOrderAsync(order.TerminalId, order.OrderId, order.AmountMinor, order.Currency, nowUnix);
                        await _store.SetAcquirerStateAsync(order.OrderId, Name, open: false, NoteClosed);
                        settled++;
                    }
                }
                else if (order.Status == OrderStatus.Paid)
                {
                    await _store.SetAcquirerStateAsync(order.OrderId, Name, open: false, note: null);
                }
                else if (await CloseAtAlipayAsync(order))
                {
                    settled++;
                }
            }
        }
        return settled;
    }

    /// <summary>Alipay says paid: PENDING becomes PAID; an order the ledger already ended unpaid gets the payment reversed.</summary>
    private async Task<bool> ApplyPaidAsync(StoredOrder order, string note)
    {
        if (order.Status == OrderStatus.Paid) return true;
        if (order.Status == OrderStatus.Pending && await _store.MarkPaidAsync(order.OrderId, _clock.UnixSeconds, note) != null) return true;
        StoredOrder current = (await _store.FindOrderAsync(order.OrderId))!;
        if (current.Status == OrderStatus.Paid) return true;
        _log.LogWarning("Alipay says {OrderId} was paid after the ledger ended it {Status}: reversing", order.OrderId, current.Status);
        await _store.SetAcquirerStateAsync(order.OrderId, Name, open: true, note: null);
        await CloseAtAlipayAsync(current);
        return true;
    }

    /// <summary>Closes the trade of an order the ledger ended unpaid; true once Alipay's answer settled it.</summary>
    private async Task<bool> CloseAtAlipayAsync(StoredOrder order)
    {
        AcquirerVerdict verdict = await _alipay.CloseAsync(order.OrderId, order.AmountMinor, order.Currency);
        string? note = verdict switch
        {
            AcquirerVerdict.Closed => NoteClosed,
            AcquirerVerdict.Reversed => NoteReversed,
            _ => null,
        };
        if (note == null)
        {
            _log.LogWarning("Alipay close of {OrderId}: {Verdict}; trying again at the next reconciliation", order.OrderId, verdict);
            return false;
        }
        await _store.SetAcquirerStateAsync(order.OrderId, Name, open: false, note);
        return true;
    }

    private Task<IAsyncDisposable> LockAsync(string orderId) => _store.LockOrderAsync(orderId);
}
