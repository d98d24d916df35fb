namespace Alipay.Emulator;

/// <summary>
/// How one gateway.do request fails. "ApplyThen..." faults carry the request out (the trade is created,
/// closed or refunded) and then lose or spoil the answer: the cases where only the idempotency keys keep the
/// merchant from a second charge or a second refund.
/// </summary>
public enum AlipayFault
{
    None,
    /// <summary>The connection is closed before anything is done.</summary>
    DropConnection,
    /// <summary>HTTP 502 before anything is done.</summary>
    HttpError,
    /// <summary>No answer at all: the request hangs until the client gives up.</summary>
    Timeout,
    /// <summary>A signed FAIL with detail_error_code SYSTEM_ERROR; nothing is done.</summary>
    SystemError,
    /// <summary>A signed result_code UNKNOWN; nothing is done.</summary>
    ResultUnknown,
    /// <summary>An unsigned is_success F (ILLEGAL_SIGN) although the request was fine; nothing is done.</summary>
    UnsignedRefusal,
    ApplyThenDropConnection,
    ApplyThenTimeout,
    /// <summary>Done, but answered with a signed FAIL SYSTEM_ERROR.</summary>
    ApplyThenSystemError,
    /// <summary>Done, answered with a signature that does not verify.</summary>
    ApplyThenBadSignature,
    /// <summary>Done, answered without a signature.</summary>
    ApplyThenUnsigned,
}
