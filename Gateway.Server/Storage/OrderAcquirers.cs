namespace Gateway.Server.Storage;

/// <summary>Which acquirer holds an order (the orders.acquirer column).</summary>
public static class OrderAcquirers
{
    /// <summary>The gateway's own development wallet (POST /wallet/pay): the ledger is the whole truth.</summary>
    public const string Development = "development";
    /// <summary>Alipay's cross-border in-store QR payment (Gateway.Acquirers/Alipay).</summary>
    public const string Alipay = "alipay";
}
