namespace Gateway.Acquirers.Alipay;

/// <summary>
/// A verified trade status notification. <see cref="AmountMinor"/> is -1 and <see cref="Currency"/> empty when
/// Alipay did not state both: the server then confirms a payment by a query before it records PAID.
/// </summary>
public sealed record AlipayNotification(string NotifyId, string OutTradeNo, string TradeNo, string TradeStatus, long AmountMinor, string Currency);

/// <summary>Either a verified notification or the reason it was refused (forged, malformed, unsigned...).</summary>
public sealed record AlipayNotificationResult(AlipayNotification? Notification, string RefusalReason)
{
    public bool IsVerified => Notification != null;
}
