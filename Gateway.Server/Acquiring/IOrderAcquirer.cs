using Gateway.Server.Storage;

namespace Gateway.Server.Acquiring;

/// <summary>
/// The acquirer seam: how the terminal protocol's create and cancel reach whoever takes the tourist's money.
/// <see cref="DevelopmentAcquirer"/> (the gateway's own wallet, POST /wallet/pay) or <see cref="AlipayOrderAcquirer"/>
/// (Alipay's cross-border in-store QR payment), chosen by <c>Gateway:Acquirer</c>.
/// </summary>
public interface IOrderAcquirer
{
    /// <summary>The orders.acquirer value of the orders this acquirer creates.</summary>
    string Name { get; }

    /// <summary>
    /// Creates the order and its code (the same id again answers the same order), or says the acquirer could not
    /// be reached with a definite answer (<see cref="AcquirerCreation.Unavailable"/>: the terminal retries the id).
    /// </summary>
    Task<AcquirerCreation> CreateAsync(string terminalId, string orderId, long amountMinor, string currency, long nowUnix, long expiresAtUnix);

    /// <summary>Cancels (docs/gateway-protocol.md 3.4); the answer may be PAID when the wallet paid first.</summary>
    Task<OrderOutcome> CancelAsync(string terminalId, string orderId, long amountMinor, string? currency, long nowUnix);

    /// <summary>
    /// Asks the acquirer to refund (the refund's id is its idempotency key there): REFUNDED or REFUND_REFUSED with
    /// a detail, or null when the answer is not known (the refund stays REFUND_PENDING and is asked again, same id).
    /// </summary>
    Task<(string Status, string Detail)?> RefundAsync(StoredOrder order, StoredRefund refund);

    /// <summary>Brings orders not yet agreed with the acquirer to agreement (a no-op for the development wallet).</summary>
    Task<int> ReconcileAsync(long nowUnix, long minAgeSeconds);
}

/// <summary>
/// A create's result: the order (or a conflict); or Unavailable (no definite answer from the acquirer: the terminal
/// retries the same id); or Refused (the acquirer will not take this order, e.g. its currency).
/// </summary>
public sealed record AcquirerCreation(OrderOutcome Outcome, string? UnavailableReason)
{
    public string? RefusedReason { get; init; }
}
