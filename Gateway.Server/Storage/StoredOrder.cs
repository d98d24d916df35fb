namespace Gateway.Server.Storage;

/// <summary>One order as the ledger holds it. <see cref="Code"/> is empty for an id closed before it was created.</summary>
public sealed record StoredOrder(
    long Sequence,
    string OrderId,
    string TerminalId,
    long AmountMinor,
    string Currency,
    string Status,
    string Code,
    long CreatedAtUnix,
    long ExpiresAtUnix,
    long? PaidAtUnix,
    int CreateRequests,
    int CancelRequests,
    int Payments)
{
    /// <summary>False when the id was closed by a cancel before any create reached the gateway (3.4).</summary>
    public bool Created => Code.Length > 0;

    /// <summary>The status a reader must see at <paramref name="nowUnix"/>: PENDING past its expiry is EXPIRED.</summary>
    public StoredOrder AsOf(long nowUnix) =>
        Status == OrderStatus.Pending && nowUnix >= ExpiresAtUnix ? this with { Status = OrderStatus.Expired } : this;
}
