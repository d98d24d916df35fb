using Gateway.Server.Storage;
using Terminal.Drivers.Timing;

namespace Gateway.Server.Acquiring;

/// <summary>
/// Refunds (docs/gateway-protocol.md 6), from the terminal and the merchant's page alike: the ledger records the
/// refund first (unique id, never past the paid amount), then the acquirer is asked with the refund's own id;
/// an unknown answer leaves it REFUND_PENDING, and <see cref="RetryPendingAsync"/> asks again with the same id.
/// </summary>
public sealed class RefundDesk
{
    public const int MaxReasonLength = 64;
    public const string OperatorManager = Terminal.Gateway.GatewayPaths.OperatorManager;
    public const string OperatorTechnician = Terminal.Gateway.GatewayPaths.OperatorTechnician;

    private readonly IGatewayStore _store;
    private readonly IOrderAcquirer _acquirer;
    private readonly IWallClock _clock;

    public RefundDesk(IGatewayStore store, IOrderAcquirer acquirer, IWallClock clock)
    {
        _store = store;
        _acquirer = acquirer;
        _clock = clock;
    }

    /// <summary>Printable ASCII, at most 64 characters (it goes to Alipay as refund_reason and into the CSV).</summary>
    public static bool IsValidReason(string reason) => reason.Length <= MaxReasonLength && reason.All(c => c >= ' ' && c <= '~');

    /// <summary>Records (or finds) the refund and, while it is pending, asks the acquirer once.</summary>
    public async Task<RefundRequestOutcome> RequestAsync(string? terminalId, string orderId, string refundId, long amountMinor, string currency,
        string operatorName, string reason)
    {
        RefundRequestOutcome outcome = await _store.RequestRefundAsync(terminalId, orderId, refundId, amountMinor, currency, operatorName,
            reason, _clock.UnixSeconds);
        if (outcome.Refund is not { Status: RefundStatus.Pending } pending) return outcome;
        StoredRefund now = await SendAsync(pending);
        return outcome with { Refund = now, RefundedTotalMinor = await RefundedTotalAsync(orderId) };
    }

    /// <summary>Refunds made or pending for the order (refused ones do not count).</summary>
    public async Task<long> RefundedTotalAsync(string orderId) =>
        (await _store.ListRefundsAsync(orderId, 10_000)).Where(r => r.Status != RefundStatus.Refused).Sum(r => r.AmountMinor);

    /// <summary>Asks the acquirer again about every pending refund (same ids); returns how many became final.</summary>
    public async Task<int> RetryPendingAsync()
    {
        int settled = 0;
        foreach (StoredRefund refund in await _store.PendingRefundsAsync(64))
            if ((await SendAsync(refund)).Status != RefundStatus.Pending) settled++;
        return settled;
    }

    private async Task<StoredRefund> SendAsync(StoredRefund refund)
    {
        StoredOrder order = (await _store.FindOrderAsync(refund.OrderId))!;
        (string Status, string Detail)? answer = await _acquirer.RefundAsync(order, refund);
        if (answer is not { } final) return refund;
        return await _store.SettleRefundAsync(refund.RefundId, final.Status, final.Detail, _clock.UnixSeconds) ?? refund;
    }
}
