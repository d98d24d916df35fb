namespace Gateway.Acquirers.Alipay;

/// <summary>What the gateway's order learns from the acquirer, in the terminal protocol's terms.</summary>
public enum AcquirerVerdict
{
    /// <summary>Created (a code to show) or still waiting for the wallet.</summary>
    Pending,
    Paid,
    /// <summary>Closed unpaid: cancelled, expired, or never created; nobody can pay it any more.</summary>
    Closed,
    /// <summary>Paid, then refunded in full by a cancel that raced the payment: the tourist is not charged.</summary>
    Reversed,
    /// <summary>Alipay refused to create it (a signed FAIL that leaves no trade behind).</summary>
    Refused,
    /// <summary>No trustworthy answer after the retries: ask again later (never read as paid or closed).</summary>
    Unknown,
}

public sealed record AcquirerCreateResult(AcquirerVerdict Verdict, string Code, string Detail);

/// <summary>
/// Alipay's in-store guidance as one policy the gateway server calls behind its acquirer seam: create with
/// the order id (retried with the same id), check (one query), cancel (query first: a paid order stays paid;
/// then cancel until the answer is definite), refund (retried with the same refund id). Each method retries
/// Unknown answers a bounded number of times and then says Unknown; it never turns Unknown into a verdict.
/// </summary>
public sealed class AlipayAcquirer
{
    private readonly AlipayClient _client;
    private readonly int _attempts;

    public AlipayAcquirer(AlipayClient client, int attemptsPerCall = 3)
    {
        if (attemptsPerCall < 1) throw new ArgumentOutOfRangeException(nameof(attemptsPerCall), "at least one attempt");
        _client = client;
        _attempts = attemptsPerCall;
    }

    public async Task<AcquirerCreateResult> CreateAsync(string orderId, long amountMinor, string currency, string subject, CancellationToken cancel = default)
    {
        AlipayPrecreateResult last = new(PrecreateOutcome.Unknown, "", "");
        for (int i = 0; i < _attempts; i++)
        {
            last = await _client.PrecreateAsync(orderId, amountMinor, currency, subject, cancel).ConfigureAwait(false);
            switch (last.Outcome)
            {
                case PrecreateOutcome.Created:
                    return new AcquirerCreateResult(AcquirerVerdict.Pending, last.QrCode, "");
                case PrecreateOutcome.Rejected when last.ErrorCode is AlipayProtocol.ErrorTradeHasSuccess or AlipayProtocol.ErrorTradeHasClose:
                    // The id is already settled at Alipay (a retry after a lost answer): learn how.
                    AcquirerVerdict settled = await CheckAsync(orderId, amountMinor, currency, cancel).ConfigureAwait(false);
                    return new AcquirerCreateResult(settled == AcquirerVerdict.Pending ? AcquirerVerdict.Unknown : settled, "", last.ErrorCode);
                case PrecreateOutcome.Rejected:
                    return new AcquirerCreateResult(AcquirerVerdict.Refused, "", last.ErrorCode);
            }
        }
        return new AcquirerCreateResult(AcquirerVerdict.Unknown, "", last.ErrorCode);
    }

    /// <summary>One query: Paid, Closed, Pending (waiting, or not visible before the scan) or Unknown.</summary>
    public async Task<AcquirerVerdict> CheckAsync(string orderId, long amountMinor, string currency, CancellationToken cancel = default)
    {
        AlipayQueryResult query = await _client.QueryAsync(orderId, amountMinor, currency, cancel).ConfigureAwait(false);
        return query.Outcome switch
        {
            QueryOutcome.Paid => AcquirerVerdict.Paid,
            QueryOutcome.Closed => AcquirerVerdict.Closed,
            QueryOutcome.WaitingForPayment or QueryOutcome.NotFound => AcquirerVerdict.Pending,
            _ => AcquirerVerdict.Unknown,
        };
    }

    /// <summary>
    /// Ends an order that is not known to be paid (the cashier's Cancel, expiry, an unknown create): a paid
    /// order answers Paid and is not cancelled; otherwise cancel until Closed, or Reversed if the payment
    /// landed between the query and the cancel (Alipay then refunds it in full).
    /// </summary>
    public async Task<AcquirerVerdict> CancelAsync(string orderId, long amountMinor, string currency, CancellationToken cancel = default)
    {
        AcquirerVerdict before = await CheckAsync(orderId, amountMinor, currency, cancel).ConfigureAwait(false);
        if (before is AcquirerVerdict.Paid) return before;
        return await CancelTradeAsync(orderId, amountMinor, currency, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the trade of an order the gateway's ledger already ended unpaid (cancelled, expired): cancel without
    /// asking first, so a payment that reached Alipay after the ledger closed the order is reversed in full
    /// (Reversed). Alipay cancels a paid trade only on the day of its payment (Beijing time); after that the
    /// payment is refunded in full under one fixed refund id (<see cref="ReversalRefundId"/>, so retries never
    /// refund twice). Closed when the trade is closed or never existed; Unknown while Alipay has not said so.
    /// </summary>
    public async Task<AcquirerVerdict> CloseAsync(string orderId, long amountMinor, string currency, CancellationToken cancel = default)
    {
        AcquirerVerdict verdict = await CancelTradeAsync(orderId, amountMinor, currency, cancel).ConfigureAwait(false);
        if (verdict != AcquirerVerdict.Paid) return verdict;
        AlipayRefundResult refund = await RefundAsync(orderId, ReversalRefundId(orderId), amountMinor, currency,
            "order ended unpaid before the payment arrived", cancel).ConfigureAwait(false);
        return refund.Outcome == RefundOutcome.Refunded ? AcquirerVerdict.Reversed : AcquirerVerdict.Unknown;
    }

    /// <summary>
    /// The partner_refund_id of the full refund that reverses a late payment: the order id and "-REV" (the
    /// terminals' refund ids end in R and digits, the merchant page's start with "page-"; at most 56 characters).
    /// </summary>
    public static string ReversalRefundId(string orderId) => orderId + "-REV";

    /// <summary>
    /// Cancels the trade at Alipay, retrying while the answer is not definite. When Alipay refuses to cancel, the
    /// trade's state decides: Closed stays Closed; Paid means the payment stands (a cashier's cancel answers it;
    /// for an order the ledger already ended unpaid the cancel period is over and the caller refunds).
    /// </summary>
    private async Task<AcquirerVerdict> CancelTradeAsync(string orderId, long amountMinor, string currency, CancellationToken cancel)
    {
        for (int i = 0; i < _attempts; i++)
        {
            AlipayCancelResult result = await _client.CancelAsync(orderId, cancel).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case CancelOutcome.Closed:
                case CancelOutcome.NotFound:
                    return AcquirerVerdict.Closed;
                case CancelOutcome.Reversed:
                    return AcquirerVerdict.Reversed;
                case CancelOutcome.Rejected:
                    AcquirerVerdict now = await CheckAsync(orderId, amountMinor, currency, cancel).ConfigureAwait(false);
                    return now is AcquirerVerdict.Closed or AcquirerVerdict.Paid ? now : AcquirerVerdict.Unknown;
            }
        }
        return AcquirerVerdict.Unknown;
    }

    /// <summary>A refund, retried with the same refund id while the answer is unknown (never a second refund).</summary>
    public async Task<AlipayRefundResult> RefundAsync(string orderId, string refundId, long amountMinor, string currency, string reason, CancellationToken cancel = default)
    {
        AlipayRefundResult result = new(RefundOutcome.Unknown, 0, "");
        for (int i = 0; i < _attempts && result.Outcome == RefundOutcome.Unknown; i++)
            result = await _client.RefundAsync(orderId, refundId, amountMinor, currency, reason, cancel).ConfigureAwait(false);
        return result;
    }
}
