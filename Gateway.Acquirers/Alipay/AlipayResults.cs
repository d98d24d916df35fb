namespace Gateway.Acquirers.Alipay;

// What each call to Alipay settled. The rule of three outcomes holds for every call: only a signed, verified,
// well-formed answer about this very trade gives a definite outcome; a transport error, a timeout, an unsigned
// or unverifiable answer, SYSTEM_ERROR or result_code UNKNOWN is Unknown, and Unknown is never success.
// For Unknown, ErrorCode is the connector's own reason (see docs/alipay.md); for Rejected, Alipay's code.

public enum PrecreateOutcome
{
    /// <summary>Alipay holds the order and gave its qr_code.</summary>
    Created,
    /// <summary>A signed FAIL: no code was issued by this call (the trade may still exist: query it).</summary>
    Rejected,
    Unknown,
}

public enum QueryOutcome
{
    WaitingForPayment,
    /// <summary>TRADE_SUCCESS or TRADE_FINISHED, for this trade, with the expected amount.</summary>
    Paid,
    /// <summary>TRADE_CLOSED: unpaid and closed, cancelled, or fully refunded.</summary>
    Closed,
    /// <summary>TRADE_NOT_EXIST: Alipay has no such trade (yet: a precreated code may not be visible before it is scanned).</summary>
    NotFound,
    Rejected,
    Unknown,
}

public enum CancelOutcome
{
    /// <summary>The unpaid trade is closed: nobody can pay it any more.</summary>
    Closed,
    /// <summary>The trade had been paid; the cancel refunded it in full (action "refund").</summary>
    Reversed,
    /// <summary>TRADE_NOT_EXIST.</summary>
    NotFound,
    Rejected,
    Unknown,
}

public enum RefundOutcome
{
    Refunded,
    Rejected,
    Unknown,
}

public sealed record AlipayPrecreateResult(PrecreateOutcome Outcome, string QrCode, string ErrorCode)
{
    public override string ToString() => Outcome + (ErrorCode.Length > 0 ? " (" + ErrorCode + ")" : "");
}

public sealed record AlipayQueryResult(QueryOutcome Outcome, string TradeStatus, string TradeNo, string ErrorCode)
{
    public override string ToString() => Outcome + (ErrorCode.Length > 0 ? " (" + ErrorCode + ")" : "");
}

public sealed record AlipayCancelResult(CancelOutcome Outcome, string ErrorCode)
{
    public override string ToString() => Outcome + (ErrorCode.Length > 0 ? " (" + ErrorCode + ")" : "");
}

public sealed record AlipayRefundResult(RefundOutcome Outcome, long RefundedMinor, string ErrorCode)
{
    public override string ToString() => Outcome + (ErrorCode.Length > 0 ? " (" + ErrorCode + ")" : "");
}

/// <summary>The connector's own reasons for an Unknown outcome.</summary>
public static class AlipayUnknownReason
{
    public const string Timeout = "timeout";
    public const string Network = "network";
    public const string HttpStatus = "http_status";
    public const string TooLarge = "too_large";
    public const string Malformed = "malformed";
    public const string Unsigned = "unsigned";
    public const string BadSignature = "bad_signature";
    public const string WrongSignType = "wrong_sign_type";
    /// <summary>is_success F: Alipay's refusals are not signed, so they cannot be trusted either way.</summary>
    public const string UnsignedRefusal = "unsigned_refusal";
    public const string SystemError = "system_error";
    public const string ResultUnknown = "result_unknown";
    public const string WrongTrade = "wrong_trade";
    public const string AmountMismatch = "amount_mismatch";
    public const string MissingField = "missing_field";
}
