using Gateway.Acquirers.Alipay;

namespace Alipay.Emulator;

/// <summary>How the emulated Alipay delivers trade status notifications (tests choose).</summary>
public enum NotificationMode
{
    /// <summary>Posted once, before the call that caused it (a wallet payment, a cancel, a refund) returns.</summary>
    Immediate,
    /// <summary>Posted twice with the same notify_id.</summary>
    Duplicated,
    /// <summary>Kept until the test releases them (late; in any order it asks for).</summary>
    Held,
    /// <summary>Never posted: the merchant has to query.</summary>
    Never,
}

/// <summary>One notification the emulator posted and what the merchant answered.</summary>
public sealed record NotificationDelivery(string NotifyId, string OutTradeNo, string TradeStatus, int HttpStatus, string Answer)
{
    /// <summary>The merchant answered "success" (Alipay stops resending only then).</summary>
    public bool Acknowledged => HttpStatus == 200 && Answer.Trim() == AlipayProtocol.NotificationAcknowledgement;
}

/// <summary>
/// Signs and posts notifications to the merchant's notify_url as form fields, with the emulator's key.
/// Deliveries happen on the caller's task, so a test knows a notification has arrived when the payment call
/// returns. Unacknowledged ones are resent only when the test asks (Alipay retries on its own schedule).
/// </summary>
public sealed class NotificationSender
{
    private readonly HttpClient _http;
    private readonly AlipaySigner _signer;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly object _lock = new object();
    private readonly List<Posting> _held = new();
    private readonly List<Posting> _unacknowledged = new();
    private readonly List<NotificationDelivery> _deliveries = new();

    internal NotificationSender(HttpClient http, AlipaySigner signer, TimeProvider time, int seed)
    {
        _http = http;
        _signer = signer;
        _time = time;
        _random = new Random(seed);
    }

    public NotificationMode Mode { get; set; } = NotificationMode.Immediate;

    public int HeldCount
    {
        get { lock (_lock) return _held.Count; }
    }

    public IReadOnlyList<NotificationDelivery> Deliveries
    {
        get { lock (_lock) return _deliveries.ToList(); }
    }

    /// <summary>Posts what was held, oldest first or (out of order) newest first.</summary>
    public async Task ReleaseHeldAsync(bool newestFirst = false)
    {
        List<Posting> batch;
        lock (_lock)
        {
            batch = _held.ToList();
            _held.Clear();
        }
        if (newestFirst) batch.Reverse();
        foreach (Posting posting in batch) await PostAsync(posting).ConfigureAwait(false);
    }

    /// <summary>Posts again every notification the merchant has not acknowledged (Alipay's retry).</summary>
    public async Task ResendUnacknowledgedAsync()
    {
        List<Posting> batch;
        lock (_lock)
        {
            batch = _unacknowledged.ToList();
            _unacknowledged.Clear();
        }
        foreach (Posting posting in batch) await PostAsync(posting).ConfigureAwait(false);
    }

    internal async Task SendAsync(EmulatorLedger.PendingNotification n)
    {
        var posting = new Posting(n.NotifyUrl, Build(n));
        switch (Mode)
        {
            case NotificationMode.Never:
                return;
            case NotificationMode.Held:
                lock (_lock) _held.Add(posting);
                return;
            case NotificationMode.Duplicated:
                await PostAsync(posting).ConfigureAwait(false);
                await PostAsync(posting).ConfigureAwait(false);
                return;
            default:
                await PostAsync(posting).ConfigureAwait(false);
                return;
        }
    }

    private Dictionary<string, string> Build(EmulatorLedger.PendingNotification n)
    {
        string notifyId;
        lock (_lock) notifyId = Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64()));
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlipayProtocol.ParamNotifyTime] = AlipayTime.ToWire(_time.GetUtcNow()),
            [AlipayProtocol.ParamNotifyType] = AlipayProtocol.NotifyTypeTradeStatusSync,
            [AlipayProtocol.ParamNotifyId] = notifyId,
            [AlipayProtocol.ParamOutTradeNo] = n.OutTradeNo,
            [AlipayProtocol.ParamTradeNo] = n.TradeNo,
            [AlipayProtocol.ParamTradeStatus] = n.TradeStatus,
            [AlipayProtocol.ParamTotalFee] = AlipayAmount.ToWire(n.AmountMinor, n.Currency),
            [AlipayProtocol.ParamTransCurrency] = n.Currency,
        };
        form[AlipayProtocol.ParamSign] = _signer.Sign(form);
        form[AlipayProtocol.ParamSignType] = _signer.SignTypeName;
        return form;
    }

    /// <summary>A signed notification and where it goes.</summary>
    private sealed record Posting(string NotifyUrl, Dictionary<string, string> Form);

    private async Task PostAsync(Posting posting)
    {
        Dictionary<string, string> form = posting.Form;
        int status;
        string answer;
        try
        {
            using HttpResponseMessage response = await _http.PostAsync(posting.NotifyUrl, new FormUrlEncodedContent(form)).ConfigureAwait(false);
            status = (int)response.StatusCode;
            answer = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = 0;
            answer = "";
        }
        var delivery = new NotificationDelivery(form[AlipayProtocol.ParamNotifyId], form[AlipayProtocol.ParamOutTradeNo], form[AlipayProtocol.ParamTradeStatus], status, answer);
        lock (_lock)
        {
            _deliveries.Add(delivery);
            if (!delivery.Acknowledged) _unacknowledged.Add(posting);
        }
    }

}
