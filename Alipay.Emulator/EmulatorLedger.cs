using System.Globalization;
using Gateway.Acquirers.Alipay;

namespace Alipay.Emulator;

/// <summary>
/// The emulated Alipay's trades and what each service does to them. Every operation runs under one lock, so
/// a cancel and a wallet payment racing for the same trade are decided in one order, as Alipay's database
/// would. Operations return the fields of the answer and the notifications to send.
/// </summary>
public sealed class EmulatorLedger
{
    // Codes the public pages did not name for these cases; the emulator's choice (docs/alipay.md).
    public const string ErrorInvalidParameter = "INVALID_PARAMETER";
    public const string ErrorTradeNotPaid = "TRADE_STATUS_ERROR";
    public const string ErrorCancelPeriodOver = "CANCEL_PERIOD_OVER";

    private sealed class Trade
    {
        public required string OutTradeNo;
        public required string TradeNo;
        public required long AmountMinor;
        public required string Currency;
        public required string QrCode;
        public required string NotifyUrl;
        public string Status = AlipayProtocol.TradeWaitBuyerPay;
        public bool Paid;
        public bool Scanned;
        public string CancelAction = "";
        public readonly List<EmulatorRefund> Refunds = new();
        public long RefundedMinor => Refunds.Sum(r => r.AmountMinor);
    }

    private readonly object _lock = new object();
    private readonly Dictionary<string, Trade> _byOutTradeNo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Trade> _byQrCode = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closedBeforeCreated = new(StringComparer.Ordinal);
    private readonly Random _random;
    private long _tradeCounter;

    public EmulatorLedger(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>
    /// When set, a cancel of a paid trade fails (<see cref="ErrorCancelPeriodOver"/>): Alipay cancels a paid trade
    /// only on the day of its payment (Beijing time, which ends at 17:00 in Norway in winter); after that only a
    /// refund pays the tourist back.
    /// </summary>
    public bool RefuseCancelOfPaidTrades { get; set; }

    /// <summary>When set, query answers TRADE_NOT_EXIST for a trade nobody has scanned yet (precreate does not commit the trade).</summary>
    public bool HideUnscannedTradesFromQuery { get; set; }

    internal readonly record struct Outcome(Dictionary<string, string> Fields, IReadOnlyList<PendingNotification> Notifications);

    internal readonly record struct PendingNotification(string NotifyUrl, string OutTradeNo, string TradeNo, string TradeStatus, long AmountMinor, string Currency);

    public EmulatorTrade? Find(string outTradeNo)
    {
        lock (_lock) return _byOutTradeNo.TryGetValue(outTradeNo, out Trade? t) ? Snapshot(t) : null;
    }

    public IReadOnlyList<EmulatorTrade> All()
    {
        lock (_lock) return _byOutTradeNo.Values.Select(Snapshot).ToList();
    }

    internal Outcome Precreate(IReadOnlyDictionary<string, string> p)
    {
        string outTradeNo = Get(p, AlipayProtocol.ParamOutTradeNo);
        string currency = Get(p, AlipayProtocol.ParamTransCurrency);
        string notifyUrl = Get(p, AlipayProtocol.ParamNotifyUrl);
        if (outTradeNo.Length == 0 || outTradeNo.Length > AlipayProtocol.MaxIdLength || Get(p, AlipayProtocol.ParamSubject).Length == 0
            || notifyUrl.Length == 0 || Get(p, AlipayProtocol.ParamProductCode) != AlipayProtocol.ProductCodeInStore
            || !AlipayAmount.TryParse(Get(p, AlipayProtocol.ParamTotalFee), currency, out long amountMinor) || amountMinor <= 0)
            return Fail(outTradeNo, ErrorInvalidParameter);
        lock (_lock)
        {
            if (_closedBeforeCreated.Contains(outTradeNo)) return Fail(outTradeNo, AlipayProtocol.ErrorTradeHasClose);
            if (_byOutTradeNo.TryGetValue(outTradeNo, out Trade? existing))
            {
                if (existing.AmountMinor != amountMinor || existing.Currency != currency) return Fail(outTradeNo, ErrorInvalidParameter);
                if (existing.Paid) return Fail(outTradeNo, AlipayProtocol.ErrorTradeHasSuccess);
                if (existing.Status == AlipayProtocol.TradeClosed) return Fail(outTradeNo, AlipayProtocol.ErrorTradeHasClose);
                return Success(PrecreateFields(existing));
            }
            var trade = new Trade
            {
                OutTradeNo = outTradeNo,
                TradeNo = "2026" + (++_tradeCounter).ToString("D12", CultureInfo.InvariantCulture),
                AmountMinor = amountMinor,
                Currency = currency,
                QrCode = NewQrCode(),
                NotifyUrl = notifyUrl,
            };
            _byOutTradeNo.Add(outTradeNo, trade);
            _byQrCode.Add(trade.QrCode, trade);
            return Success(PrecreateFields(trade));
        }
    }

    internal Outcome Query(IReadOnlyDictionary<string, string> p)
    {
        string outTradeNo = Get(p, AlipayProtocol.ParamOutTradeNo);
        lock (_lock)
        {
            if (!_byOutTradeNo.TryGetValue(outTradeNo, out Trade? t) || (HideUnscannedTradesFromQuery && !t.Scanned && !t.Paid && t.Status == AlipayProtocol.TradeWaitBuyerPay))
                return Fail(outTradeNo, AlipayProtocol.ErrorTradeNotExist);
            return Success(new Dictionary<string, string>
            {
                [AlipayProtocol.ParamResultCode] = AlipayProtocol.ResultSuccess,
                [AlipayProtocol.ParamOutTradeNo] = t.OutTradeNo,
                [AlipayProtocol.ParamTradeNo] = t.TradeNo,
                [AlipayProtocol.ParamTradeStatus] = t.Status,
                [AlipayProtocol.ParamTotalFee] = AlipayAmount.ToWire(t.AmountMinor, t.Currency),
                [AlipayProtocol.ParamTransCurrency] = t.Currency,
            });
        }
    }

    internal Outcome Cancel(IReadOnlyDictionary<string, string> p)
    {
        string outTradeNo = Get(p, AlipayProtocol.ParamOutTradeNo);
        lock (_lock)
        {
            if (!_byOutTradeNo.TryGetValue(outTradeNo, out Trade? t))
            {
                // A cancel for an order whose precreate never arrived closes the id: a late precreate cannot open it.
                if (outTradeNo.Length > 0) _closedBeforeCreated.Add(outTradeNo);
                Outcome missing = Fail(outTradeNo, AlipayProtocol.ErrorTradeNotExist);
                missing.Fields[AlipayProtocol.ParamRetryFlag] = "N";
                return missing;
            }
            var notifications = new List<PendingNotification>();
            if (t.Status == AlipayProtocol.TradeWaitBuyerPay)
            {
                t.Status = AlipayProtocol.TradeClosed;
                t.CancelAction = AlipayProtocol.CancelActionClose;
                notifications.Add(NotificationOf(t));
            }
            else if (t.Status == AlipayProtocol.TradeSuccess && RefuseCancelOfPaidTrades)
            {
                return Fail(outTradeNo, ErrorCancelPeriodOver);
            }
            else if (t.Status == AlipayProtocol.TradeSuccess)
            {
                long remaining = t.AmountMinor - t.RefundedMinor;
                if (remaining > 0) t.Refunds.Add(new EmulatorRefund("cancel-" + t.OutTradeNo, remaining, "cancel"));
                t.Status = AlipayProtocol.TradeClosed;
                t.CancelAction = AlipayProtocol.CancelActionRefund;
                notifications.Add(NotificationOf(t));
            }
            else if (t.Status == AlipayProtocol.TradeClosed && !t.Paid)
            {
                // Closed unpaid by Alipay's own timeout: cancelling it again is harmless.
                t.CancelAction = AlipayProtocol.CancelActionClose;
            }
            else if (t.CancelAction.Length == 0)
            {
                // Closed by full refunds, or finished: nothing left that a cancel may do.
                return Fail(outTradeNo, ErrorTradeNotPaid);
            }
            var fields = new Dictionary<string, string>
            {
                [AlipayProtocol.ParamResultCode] = AlipayProtocol.ResultSuccess,
                [AlipayProtocol.ParamOutTradeNo] = t.OutTradeNo,
                [AlipayProtocol.ParamTradeNo] = t.TradeNo,
                [AlipayProtocol.ParamRetryFlag] = "N",
                [AlipayProtocol.ParamAction] = t.CancelAction,
            };
            return new Outcome(fields, notifications);
        }
    }

    internal Outcome Refund(IReadOnlyDictionary<string, string> p)
    {
        string outTradeNo = Get(p, AlipayProtocol.ParamPartnerTransId);
        string refundId = Get(p, AlipayProtocol.ParamPartnerRefundId);
        string currency = Get(p, AlipayProtocol.ParamCurrency);
        string reason = Get(p, AlipayProtocol.ParamRefundReason);
        lock (_lock)
        {
            if (!_byOutTradeNo.TryGetValue(outTradeNo, out Trade? t)) return RefundFail(outTradeNo, refundId, AlipayProtocol.ErrorPurchaseTradeNotExist);
            if (refundId.Length == 0 || refundId.Length > AlipayProtocol.MaxIdLength || currency != t.Currency
                || !AlipayAmount.TryParse(Get(p, AlipayProtocol.ParamRefundAmount), currency, out long amountMinor) || amountMinor <= 0)
                return RefundFail(outTradeNo, refundId, ErrorInvalidParameter);
            EmulatorRefund? earlier = t.Refunds.Find(r => r.RefundId == refundId);
            if (earlier != null)
            {
                // The same partner_refund_id is the same refund: answer it again, never make a second one.
                return earlier.AmountMinor == amountMinor
                    ? RefundSuccess(t, earlier, new List<PendingNotification>())
                    : RefundFail(outTradeNo, refundId, ErrorInvalidParameter);
            }
            if (!t.Paid || t.CancelAction.Length > 0) return RefundFail(outTradeNo, refundId, ErrorTradeNotPaid);
            if (t.RefundedMinor + amountMinor > t.AmountMinor) return RefundFail(outTradeNo, refundId, AlipayProtocol.ErrorRefundAmountRestriction);
            var refund = new EmulatorRefund(refundId, amountMinor, reason);
            t.Refunds.Add(refund);
            var notifications = new List<PendingNotification>();
            if (t.RefundedMinor == t.AmountMinor)
            {
                t.Status = AlipayProtocol.TradeClosed;
                notifications.Add(NotificationOf(t));
            }
            return RefundSuccess(t, refund, notifications);
        }
    }

    /// <summary>Alipay closing the trades nobody paid in time (TRADE_CLOSED), as its own timeout does.</summary>
    internal IReadOnlyList<PendingNotification> CloseUnpaid()
    {
        lock (_lock)
        {
            var closed = new List<PendingNotification>();
            foreach (Trade t in _byOutTradeNo.Values.Where(t => t.Status == AlipayProtocol.TradeWaitBuyerPay))
            {
                t.Status = AlipayProtocol.TradeClosed;
                closed.Add(NotificationOf(t));
            }
            return closed;
        }
    }

    /// <summary>What the tourist's wallet does with a scanned code.</summary>
    internal (WalletPayStatus Status, PendingNotification? Notification, string OutTradeNo) Pay(string code)
    {
        lock (_lock)
        {
            if (!_byQrCode.TryGetValue(code, out Trade? t)) return (WalletPayStatus.UnknownCode, null, "");
            t.Scanned = true;
            if (t.Paid) return (WalletPayStatus.AlreadyPaid, null, t.OutTradeNo);
            if (t.Status != AlipayProtocol.TradeWaitBuyerPay) return (WalletPayStatus.Closed, null, t.OutTradeNo);
            t.Paid = true;
            t.Status = AlipayProtocol.TradeSuccess;
            return (WalletPayStatus.Paid, NotificationOf(t), t.OutTradeNo);
        }
    }

    private Dictionary<string, string> PrecreateFields(Trade t) => new()
    {
        [AlipayProtocol.ParamResultCode] = AlipayProtocol.ResultSuccess,
        [AlipayProtocol.ParamOutTradeNo] = t.OutTradeNo,
        [AlipayProtocol.ParamTradeNo] = t.TradeNo,
        [AlipayProtocol.ParamQrCode] = t.QrCode,
        ["voucher_type"] = "qrcode",
    };

    private static Outcome RefundSuccess(Trade t, EmulatorRefund refund, List<PendingNotification> notifications) => new(new Dictionary<string, string>
    {
        [AlipayProtocol.ParamResultCode] = AlipayProtocol.ResultSuccess,
        [AlipayProtocol.ParamPartnerTransId] = t.OutTradeNo,
        ["alipay_trans_id"] = t.TradeNo,
        [AlipayProtocol.ParamPartnerRefundId] = refund.RefundId,
        [AlipayProtocol.ParamRefundAmount] = AlipayAmount.ToWire(refund.AmountMinor, t.Currency),
        [AlipayProtocol.ParamCurrency] = t.Currency,
    }, notifications);

    private static Outcome RefundFail(string outTradeNo, string refundId, string error) => new(new Dictionary<string, string>
    {
        [AlipayProtocol.ParamResultCode] = AlipayProtocol.ResultFail,
        [AlipayProtocol.ParamPartnerTransId] = outTradeNo,
        [AlipayProtocol.ParamPartnerRefundId] = refundId,
        [AlipayProtocol.ParamDetailErrorCode] = error,
    }, Array.Empty<PendingNotification>());

    private static Outcome Fail(string outTradeNo, string error) => new(new Dictionary<string, string>
    {
        [AlipayProtocol.ParamResultCode] = AlipayProtocol.ResultFail,
        [AlipayProtocol.ParamOutTradeNo] = outTradeNo,
        [AlipayProtocol.ParamDetailErrorCode] = error,
    }, Array.Empty<PendingNotification>());

    private static Outcome Success(Dictionary<string, string> fields) => new(fields, Array.Empty<PendingNotification>());

    private static PendingNotification NotificationOf(Trade t) => new(t.NotifyUrl, t.OutTradeNo, t.TradeNo, t.Status, t.AmountMinor, t.Currency);

    private string NewQrCode()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[21];
        for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[_random.Next(alphabet.Length)];
        // Alipay's dynamic codes look like https://qr.alipay.com/bax03431ljhokirwl38f00a7 (about 46 characters).
        return AlipayProtocol.QrCodePrefix + "bax" + new string(chars);
    }

    private static string Get(IReadOnlyDictionary<string, string> p, string name) => p.TryGetValue(name, out string? v) ? v : "";

    private static EmulatorTrade Snapshot(Trade t) =>
        new(t.OutTradeNo, t.TradeNo, t.AmountMinor, t.Currency, t.QrCode, t.Status, t.Paid, t.Scanned, t.RefundedMinor, t.Refunds.ToList());
}

public enum WalletPayStatus
{
    Paid,
    UnknownCode,
    AlreadyPaid,
    Closed,
}
