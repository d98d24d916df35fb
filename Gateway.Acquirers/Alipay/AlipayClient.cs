using System.Net;
using System.Text;

namespace Gateway.Acquirers.Alipay;

/// <summary>
/// The merchant's side of Alipay's cross-border in-store QR payment over gateway.do: precreate (the terminal's
/// order id is out_trade_no, so a retry is the same order), query, cancel, refund (partner_refund_id makes a
/// retry the same refund) and trade status notifications. Every request is signed; every answer and
/// notification is verified with Alipay's key before it counts. Thread-safe; the HttpClient is the caller's.
/// </summary>
public sealed class AlipayClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly AlipayOptions _options;
    private readonly AlipaySigner _signer;
    private readonly TimeProvider _time;
    private readonly Action<string>? _log;
    private readonly Uri _endpoint;

    public AlipayClient(HttpClient http, AlipayOptions options, TimeProvider? time = null, Action<string>? log = null)
    {
        options.Validate();
        _http = http;
        _options = options;
        _signer = options.CreateSigner();
        _time = time ?? TimeProvider.System;
        _log = log;
        // POST bodies are form-encoded; the charset also rides in the URL, as the docs ask for POST.
        string separator = options.GatewayUrl.Contains('?') ? "&" : "?";
        _endpoint = new Uri(options.GatewayUrl + separator + AlipayProtocol.ParamInputCharset + "=" + AlipayProtocol.Charset);
    }

    /// <summary>Creates the order (or, for an out_trade_no Alipay already holds with the same amount, gets it again).</summary>
    public async Task<AlipayPrecreateResult> PrecreateAsync(string outTradeNo, long amountMinor, string currency, string subject, CancellationToken cancel = default)
    {
        CheckId(outTradeNo, nameof(outTradeNo));
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 256) throw new ArgumentException("subject must be 1-256 characters", nameof(subject));
        var business = new Dictionary<string, string>
        {
            [AlipayProtocol.ParamNotifyUrl] = _options.NotifyUrl,
            [AlipayProtocol.ParamOutTradeNo] = outTradeNo,
            [AlipayProtocol.ParamSubject] = subject,
            [AlipayProtocol.ParamProductCode] = AlipayProtocol.ProductCodeInStore,
            [AlipayProtocol.ParamTotalFee] = AlipayAmount.ToWire(amountMinor, currency),
            [AlipayProtocol.ParamTransCurrency] = currency,
            [AlipayProtocol.ParamCurrency] = _options.SettlementCurrency,
            [AlipayProtocol.ParamExtendParams] = _options.ExtendParamsJson,
        };
        Exchange x = await ExchangeAsync(AlipayProtocol.ServicePrecreate, outTradeNo, business, cancel).ConfigureAwait(false);
        AlipayPrecreateResult result;
        if (x.UnknownReason != null) result = new(PrecreateOutcome.Unknown, "", x.UnknownReason);
        else if (!EchoMatches(x.Reply!, AlipayProtocol.ParamOutTradeNo, outTradeNo)) result = new(PrecreateOutcome.Unknown, "", AlipayUnknownReason.WrongTrade);
        else
        {
            string code = x.Reply!.Field(AlipayProtocol.ParamResultCode);
            string qr = x.Reply.Field(AlipayProtocol.ParamQrCode);
            result = code switch
            {
                AlipayProtocol.ResultSuccess when IsQrCode(qr) => new(PrecreateOutcome.Created, qr, ""),
                AlipayProtocol.ResultSuccess => new(PrecreateOutcome.Unknown, "", AlipayUnknownReason.MissingField),
                AlipayProtocol.ResultFail when !IsSystemError(x.Reply) => new(PrecreateOutcome.Rejected, "", DetailError(x.Reply)),
                AlipayProtocol.ResultFail => new(PrecreateOutcome.Unknown, "", AlipayUnknownReason.SystemError),
                _ => new(PrecreateOutcome.Unknown, "", AlipayUnknownReason.ResultUnknown),
            };
        }
        Log(AlipayProtocol.ServicePrecreate, outTradeNo, result.ToString());
        return result;
    }

    /// <summary>The trade's status. Paid only for this out_trade_no and, when Alipay states it, the expected amount.</summary>
    public async Task<AlipayQueryResult> QueryAsync(string outTradeNo, long expectedAmountMinor, string currency, CancellationToken cancel = default)
    {
        CheckId(outTradeNo, nameof(outTradeNo));
        AlipayAmount.MinorDigits(currency);
        var business = new Dictionary<string, string> { [AlipayProtocol.ParamOutTradeNo] = outTradeNo };
        Exchange x = await ExchangeAsync(AlipayProtocol.ServiceQuery, outTradeNo, business, cancel).ConfigureAwait(false);
        AlipayQueryResult result;
        if (x.UnknownReason != null) result = new(QueryOutcome.Unknown, "", "", x.UnknownReason);
        else if (!EchoMatches(x.Reply!, AlipayProtocol.ParamOutTradeNo, outTradeNo)) result = new(QueryOutcome.Unknown, "", "", AlipayUnknownReason.WrongTrade);
        else
        {
            AlipayXmlReply reply = x.Reply!;
            string status = reply.Field(AlipayProtocol.ParamTradeStatus);
            string tradeNo = reply.Field(AlipayProtocol.ParamTradeNo);
            switch (reply.Field(AlipayProtocol.ParamResultCode))
            {
                case AlipayProtocol.ResultSuccess when status == AlipayProtocol.TradeWaitBuyerPay:
                    result = new(QueryOutcome.WaitingForPayment, status, tradeNo, "");
                    break;
                case AlipayProtocol.ResultSuccess when AlipayTradeStatus.IsPaid(status):
                    result = AmountMatches(reply, AlipayProtocol.ParamTotalFee, expectedAmountMinor, currency) && EchoMatches(reply, AlipayProtocol.ParamTransCurrency, currency)
                        ? new(QueryOutcome.Paid, status, tradeNo, "")
                        : new(QueryOutcome.Unknown, status, tradeNo, AlipayUnknownReason.AmountMismatch);
                    break;
                case AlipayProtocol.ResultSuccess when status == AlipayProtocol.TradeClosed:
                    result = new(QueryOutcome.Closed, status, tradeNo, "");
                    break;
                case AlipayProtocol.ResultSuccess:
                    result = new(QueryOutcome.Unknown, status, tradeNo, AlipayUnknownReason.MissingField);
                    break;
                case AlipayProtocol.ResultFail when DetailError(reply) == AlipayProtocol.ErrorTradeNotExist:
                    result = new(QueryOutcome.NotFound, "", "", AlipayProtocol.ErrorTradeNotExist);
                    break;
                case AlipayProtocol.ResultFail when !IsSystemError(reply):
                    result = new(QueryOutcome.Rejected, "", "", DetailError(reply));
                    break;
                case AlipayProtocol.ResultFail:
                    result = new(QueryOutcome.Unknown, "", "", AlipayUnknownReason.SystemError);
                    break;
                default:
                    result = new(QueryOutcome.Unknown, "", "", AlipayUnknownReason.ResultUnknown);
                    break;
            }
        }
        Log(AlipayProtocol.ServiceQuery, outTradeNo, result.ToString());
        return result;
    }

    /// <summary>Cancels the trade: closes it if unpaid, refunds it in full if it was paid (same Beijing day).</summary>
    public async Task<AlipayCancelResult> CancelAsync(string outTradeNo, CancellationToken cancel = default)
    {
        CheckId(outTradeNo, nameof(outTradeNo));
        var business = new Dictionary<string, string> { [AlipayProtocol.ParamOutTradeNo] = outTradeNo };
        Exchange x = await ExchangeAsync(AlipayProtocol.ServiceCancel, outTradeNo, business, cancel).ConfigureAwait(false);
        AlipayCancelResult result;
        if (x.UnknownReason != null) result = new(CancelOutcome.Unknown, x.UnknownReason);
        else if (!EchoMatches(x.Reply!, AlipayProtocol.ParamOutTradeNo, outTradeNo)) result = new(CancelOutcome.Unknown, AlipayUnknownReason.WrongTrade);
        else
        {
            AlipayXmlReply reply = x.Reply!;
            string action = reply.Field(AlipayProtocol.ParamAction);
            result = reply.Field(AlipayProtocol.ParamResultCode) switch
            {
                AlipayProtocol.ResultSuccess when action == AlipayProtocol.CancelActionRefund => new(CancelOutcome.Reversed, ""),
                AlipayProtocol.ResultSuccess when action is "" or AlipayProtocol.CancelActionClose => new(CancelOutcome.Closed, ""),
                AlipayProtocol.ResultSuccess => new(CancelOutcome.Unknown, AlipayUnknownReason.MissingField),
                AlipayProtocol.ResultFail when DetailError(reply) == AlipayProtocol.ErrorTradeNotExist => new(CancelOutcome.NotFound, AlipayProtocol.ErrorTradeNotExist),
                // retry_flag Y: Alipay itself says the cancel may still go through; only a retry settles it.
                AlipayProtocol.ResultFail when !IsSystemError(reply) && reply.Field(AlipayProtocol.ParamRetryFlag) != "Y" => new(CancelOutcome.Rejected, DetailError(reply)),
                AlipayProtocol.ResultFail => new(CancelOutcome.Unknown, AlipayUnknownReason.SystemError),
                _ => new(CancelOutcome.Unknown, AlipayUnknownReason.ResultUnknown),
            };
        }
        Log(AlipayProtocol.ServiceCancel, outTradeNo, result.ToString());
        return result;
    }

    /// <summary>
    /// Refunds part or all of a paid trade. <paramref name="refundId"/> is partner_refund_id: sending the same id
    /// again (after an Unknown) is the same refund, never a second one.
    /// </summary>
    public async Task<AlipayRefundResult> RefundAsync(string outTradeNo, string refundId, long amountMinor, string currency, string reason, CancellationToken cancel = default)
    {
        CheckId(outTradeNo, nameof(outTradeNo));
        CheckId(refundId, nameof(refundId));
        var business = new Dictionary<string, string>
        {
            [AlipayProtocol.ParamNotifyUrl] = _options.NotifyUrl,
            [AlipayProtocol.ParamPartnerTransId] = outTradeNo,
            [AlipayProtocol.ParamPartnerRefundId] = refundId,
            [AlipayProtocol.ParamCurrency] = currency,
            [AlipayProtocol.ParamRefundAmount] = AlipayAmount.ToWire(amountMinor, currency),
            [AlipayProtocol.ParamRefundReason] = reason ?? "",
            // Synchronous: the answer itself says whether the refund was made.
            [AlipayProtocol.ParamIsSync] = "Y",
        };
        Exchange x = await ExchangeAsync(AlipayProtocol.ServiceRefund, outTradeNo, business, cancel).ConfigureAwait(false);
        AlipayRefundResult result;
        if (x.UnknownReason != null) result = new(RefundOutcome.Unknown, 0, x.UnknownReason);
        else if (!EchoMatches(x.Reply!, AlipayProtocol.ParamPartnerTransId, outTradeNo) || !EchoMatches(x.Reply!, AlipayProtocol.ParamPartnerRefundId, refundId))
            result = new(RefundOutcome.Unknown, 0, AlipayUnknownReason.WrongTrade);
        else
        {
            AlipayXmlReply reply = x.Reply!;
            result = reply.Field(AlipayProtocol.ParamResultCode) switch
            {
                AlipayProtocol.ResultSuccess when AmountMatches(reply, AlipayProtocol.ParamRefundAmount, amountMinor, currency) => new(RefundOutcome.Refunded, amountMinor, ""),
                AlipayProtocol.ResultSuccess => new(RefundOutcome.Unknown, 0, AlipayUnknownReason.AmountMismatch),
                AlipayProtocol.ResultFail when !IsSystemError(reply) => new(RefundOutcome.Rejected, 0, DetailError(reply)),
                AlipayProtocol.ResultFail => new(RefundOutcome.Unknown, 0, AlipayUnknownReason.SystemError),
                _ => new(RefundOutcome.Unknown, 0, AlipayUnknownReason.ResultUnknown),
            };
        }
        Log(AlipayProtocol.ServiceRefund, outTradeNo + " refund " + refundId, result.ToString());
        return result;
    }

    /// <summary>
    /// Reads a trade status notification (the form fields Alipay posted to notify_url). Accepted only when it is
    /// signed with Alipay's key over exactly these fields and names a trade and a known status.
    /// </summary>
    public AlipayNotificationResult ReadNotification(IEnumerable<KeyValuePair<string, string>> form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in form)
            if (!fields.TryAdd(p.Key, p.Value)) return Refused("duplicate field " + p.Key);
        string Get(string name) => fields.TryGetValue(name, out string? v) ? v : "";

        if (Get(AlipayProtocol.ParamSign).Length == 0) return Refused(AlipayUnknownReason.Unsigned);
        if (Get(AlipayProtocol.ParamSignType) != _signer.SignTypeName) return Refused(AlipayUnknownReason.WrongSignType);
        if (!_signer.Verify(fields, Get(AlipayProtocol.ParamSign))) return Refused(AlipayUnknownReason.BadSignature);
        if (Get(AlipayProtocol.ParamNotifyType) != AlipayProtocol.NotifyTypeTradeStatusSync) return Refused("notify_type");
        string outTradeNo = Get(AlipayProtocol.ParamOutTradeNo);
        string status = Get(AlipayProtocol.ParamTradeStatus);
        string notifyId = Get(AlipayProtocol.ParamNotifyId);
        if (outTradeNo.Length == 0 || notifyId.Length == 0 || !AlipayTradeStatus.IsKnown(status)) return Refused(AlipayUnknownReason.MissingField);
        // The amount counts only with its currency; without trans_currency it is left unread (-1) and the
        // server confirms the payment by a query instead of taking the notification's word for the amount.
        long amountMinor = -1;
        string currency = Get(AlipayProtocol.ParamTransCurrency);
        string fee = Get(AlipayProtocol.ParamTotalFee);
        if (currency.Length > 0 && !AlipayAmount.TryParse(fee, currency, out amountMinor)) return Refused("total_fee");
        var notification = new AlipayNotification(notifyId, outTradeNo, Get(AlipayProtocol.ParamTradeNo), status, amountMinor, currency);
        Log("notification", outTradeNo, "verified " + status);
        return new AlipayNotificationResult(notification, "");
    }

    private AlipayNotificationResult Refused(string reason)
    {
        Log("notification", "-", "refused: " + reason);
        return new AlipayNotificationResult(null, reason);
    }

    private readonly record struct Exchange(AlipayXmlReply? Reply, string? UnknownReason);

    private async Task<Exchange> ExchangeAsync(string service, string tradeForLog, Dictionary<string, string> business, CancellationToken cancel)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlipayProtocol.ParamService] = service,
            [AlipayProtocol.ParamPartner] = _options.PartnerId,
            [AlipayProtocol.ParamInputCharset] = AlipayProtocol.Charset,
            [AlipayProtocol.ParamTimestamp] = AlipayTime.ToWire(_time.GetUtcNow()),
        };
        foreach (var p in business)
            if (p.Value.Length > 0) parameters[p.Key] = p.Value;
        parameters[AlipayProtocol.ParamSign] = _signer.Sign(parameters);
        parameters[AlipayProtocol.ParamSignType] = _signer.SignTypeName;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(_options.RequestTimeout);
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(parameters) };
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK) return new Exchange(null, AlipayUnknownReason.HttpStatus);
            if (response.Content.Headers.ContentLength > AlipayXmlReply.MaxBytes) return new Exchange(null, AlipayUnknownReason.TooLarge);
            byte[]? bytes = await ReadLimitedAsync(response.Content, timeout.Token).ConfigureAwait(false);
            if (bytes is null) return new Exchange(null, AlipayUnknownReason.TooLarge);
            body = Encoding.UTF8.GetString(bytes);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return new Exchange(null, AlipayUnknownReason.Timeout);
        }
        catch (HttpRequestException)
        {
            return new Exchange(null, AlipayUnknownReason.Network);
        }
        catch (IOException)
        {
            return new Exchange(null, AlipayUnknownReason.Network);
        }

        AlipayXmlReply? reply = AlipayXmlReply.TryParse(body);
        if (reply is null) return new Exchange(null, AlipayUnknownReason.Malformed);
        if (!reply.IsSuccess)
        {
            Log(service, tradeForLog, "is_success F, error " + reply.Error);
            return new Exchange(null, AlipayUnknownReason.UnsignedRefusal + ":" + reply.Error);
        }
        if (reply.Sign.Length == 0) return new Exchange(null, AlipayUnknownReason.Unsigned);
        if (reply.SignType != _signer.SignTypeName) return new Exchange(null, AlipayUnknownReason.WrongSignType);
        if (!_signer.Verify(reply.Fields, reply.Sign)) return new Exchange(null, AlipayUnknownReason.BadSignature);
        if (reply.Field(AlipayProtocol.ParamResultCode).Length == 0) return new Exchange(null, AlipayUnknownReason.MissingField);
        return new Exchange(reply, null);
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, CancellationToken cancel)
    {
        using Stream stream = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > AlipayXmlReply.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static bool EchoMatches(AlipayXmlReply reply, string field, string expected)
    {
        string echoed = reply.Field(field);
        return echoed.Length == 0 || echoed == expected;
    }

    private static bool AmountMatches(AlipayXmlReply reply, string field, long expectedMinor, string currency)
    {
        string text = reply.Field(field);
        if (text.Length == 0) return true; // not every answer restates the amount
        return AlipayAmount.TryParse(text, currency, out long minor) && minor == expectedMinor;
    }

    private static string DetailError(AlipayXmlReply reply)
    {
        string code = reply.Field(AlipayProtocol.ParamDetailErrorCode);
        if (code.Length == 0) code = reply.Field("error");
        return code.Length == 0 ? "FAIL" : code;
    }

    private static bool IsSystemError(AlipayXmlReply reply) => DetailError(reply) == AlipayProtocol.ErrorSystemError;

    private static bool IsQrCode(string qr) =>
        qr.Length > AlipayProtocol.QrCodePrefix.Length && qr.Length <= 256 && qr.StartsWith(AlipayProtocol.QrCodePrefix, StringComparison.Ordinal);

    private static void CheckId(string id, string name)
    {
        if (string.IsNullOrEmpty(id) || id.Length > AlipayProtocol.MaxIdLength)
            throw new ArgumentException(name + " must be 1-" + AlipayProtocol.MaxIdLength + " characters", name);
        foreach (char c in id)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                throw new ArgumentException(name + " may hold only letters, digits, '-' and '_'", name);
    }

    private void Log(string what, string trade, string outcome) => _log?.Invoke("alipay " + what + " " + trade + " -> " + outcome);

    public override string ToString() => "AlipayClient(" + _options + ")";

    public void Dispose() => _signer.Dispose();
}
