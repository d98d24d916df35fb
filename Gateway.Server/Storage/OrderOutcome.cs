namespace Gateway.Server.Storage;

/// <summary>What a create or cancel did: the order (as of now) or a conflict with an existing id.</summary>
public readonly record struct OrderOutcome(StoredOrder? Order, bool Conflict)
{
    public static OrderOutcome Of(StoredOrder order, long nowUnix) => new(order.AsOf(nowUnix), false);
    public static readonly OrderOutcome Conflicting = new(null, true);
}

/// <summary>What the wallet's payment of a code did.</summary>
public enum PaymentResult
{
    Paid,
    UnknownCode,
    AlreadyPaid,
    Cancelled,
    Expired,
}
