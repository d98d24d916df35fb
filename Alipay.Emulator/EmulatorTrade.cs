namespace Alipay.Emulator;

/// <summary>A refund the emulated Alipay made (one per partner_refund_id).</summary>
public sealed record EmulatorRefund(string RefundId, long AmountMinor, string Reason);

/// <summary>A snapshot of one trade as the emulated Alipay holds it (tests compare the merchant's view with it).</summary>
public sealed record EmulatorTrade(
    string OutTradeNo,
    string TradeNo,
    long AmountMinor,
    string Currency,
    string QrCode,
    string TradeStatus,
    bool Paid,
    bool Scanned,
    long RefundedMinor,
    IReadOnlyList<EmulatorRefund> Refunds);
