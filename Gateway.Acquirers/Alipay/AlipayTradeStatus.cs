namespace Gateway.Acquirers.Alipay;

/// <summary>
/// The order of trade statuses, for notifications that come late, twice or out of order: a status never
/// replaces one further along (WAIT_BUYER_PAY, then TRADE_SUCCESS, then TRADE_CLOSED or TRADE_FINISHED).
/// </summary>
public static class AlipayTradeStatus
{
    public static bool IsKnown(string? status) => Rank(status) >= 0;

    public static bool IsPaid(string? status) => status is AlipayProtocol.TradeSuccess or AlipayProtocol.TradeFinished;

    /// <summary>True when a report of <paramref name="next"/> should replace what is recorded as <paramref name="current"/>.</summary>
    public static bool Supersedes(string next, string? current) => Rank(next) > Rank(current);

    private static int Rank(string? status) => status switch
    {
        AlipayProtocol.TradeWaitBuyerPay => 0,
        AlipayProtocol.TradeSuccess => 1,
        AlipayProtocol.TradeClosed or AlipayProtocol.TradeFinished => 2,
        _ => -1,
    };
}
