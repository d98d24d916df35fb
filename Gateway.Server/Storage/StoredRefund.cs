namespace Gateway.Server.Storage;

/// <summary>
/// One refund as the ledger holds it (docs/gateway-protocol.md 6): its own id (the idempotency key, Alipay's
/// partner_refund_id), the order, the amount, who asked and why, and its status.
/// </summary>
public sealed record StoredRefund(
    long Sequence,
    string RefundId,
    string OrderId,
    long AmountMinor,
    string Currency,
    string Status,
    string Operator,
    string Reason,
    long RequestedAtUnix,
    long? SettledAtUnix,
    string? Detail);

/// <summary>The refund statuses on the wire and in the database.</summary>
public static class RefundStatus
{
    /// <summary>Recorded; the acquirer's answer is not known yet (retried with the same id).</summary>
    public const string Pending = Terminal.Gateway.GatewayPaths.StatusRefundPending;
    public const string Refunded = Terminal.Gateway.GatewayPaths.StatusRefunded;
    public const string Refused = Terminal.Gateway.GatewayPaths.StatusRefundRefused;
}

/// <summary>What a refund request did in the ledger.</summary>
public enum RefundRequestResult
{
    /// <summary>A new refund, recorded REFUND_PENDING.</summary>
    Recorded,
    /// <summary>The same refund id with the same order, amount and currency: that refund, as it is now.</summary>
    Existing,
    /// <summary>The id exists with another order, amount or currency.</summary>
    Conflict,
    UnknownOrder,
    NotPaid,
    /// <summary>With the refunds made or pending, more than was paid.</summary>
    ExceedsPaid,
}

/// <summary>A paid order and what of it is refunded or pending (docs/gateway-protocol.md 6.3).</summary>
public sealed record PaidSale(StoredOrder Order, long RefundedTotalMinor);

/// <summary>The result, the refund (Recorded, Existing) and the order's paid and refunded (pending included) totals.</summary>
public sealed record RefundRequestOutcome(RefundRequestResult Result, StoredRefund? Refund, long PaidMinor, long RefundedTotalMinor);
