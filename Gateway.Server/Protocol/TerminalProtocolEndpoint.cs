using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Server.Acquiring;
using Gateway.Server.Storage;
using Gateway.Server.Terminals;
using Gateway.Server.Testing;
using Microsoft.AspNetCore.Http;
using Terminal.Drivers.Timing;
using Terminal.Gateway;

namespace Gateway.Server.Protocol;

/// <summary>
/// The terminal side of docs/gateway-protocol.md: every POST under /v1/ is authenticated (signature, time
/// window, nonce remembered in the database), handled against the store and answered signed over the
/// request's nonce. Faults are injected only when a test gave the host a <see cref="FaultInjector"/>.
/// </summary>
public sealed class TerminalProtocolEndpoint
{
    public const int MaxRequestBytes = 4096;
    public const int MaxOpenOrders = 16;
    public const int MinExpirySeconds = 30;
    public const int MaxExpirySeconds = 1800;
    /// <summary>A fault's oversized answer (far past the terminal's 2048-byte limit).</summary>
    public const int OversizedBodyBytes = 64 * 1024;

    private readonly IGatewayStore _store;
    private readonly IOrderAcquirer _acquirer;
    private readonly RefundDesk _refunds;
    private readonly TerminalRegistry _terminals;
    private readonly OrderSignals _signals;
    private readonly IWallClock _clock;
    private readonly int _replayWindowSeconds;
    private readonly FaultInjector? _faults;
    private readonly Dictionary<string, SentResponse> _lastResponses = new(StringComparer.Ordinal); // ReplayPrevious only
    private int _terminalRequests;
    private int _activeWaits;

    private sealed record SentResponse(int Status, string Timestamp, string Nonce, string Signature, byte[] Body);

    public TerminalProtocolEndpoint(IGatewayStore store, IOrderAcquirer acquirer, RefundDesk refunds, TerminalRegistry terminals, OrderSignals signals,
        IWallClock clock, int replayWindowSeconds, FaultInjector? faults)
    {
        _store = store;
        _acquirer = acquirer;
        _refunds = refunds;
        _terminals = terminals;
        _signals = signals;
        _clock = clock;
        _replayWindowSeconds = replayWindowSeconds;
        _faults = faults;
    }

    /// <summary>Requests received under /v1/ (faulted ones included).</summary>
    public int TerminalRequests => Volatile.Read(ref _terminalRequests);

    /// <summary>Long polls being held right now.</summary>
    /// <summary>Orders the long polls hold a change signal for (tests: waits on settled orders leave none behind).</summary>
    public int OrdersWatched => _signals.OrdersWatched;

    public int ActiveWaits => Volatile.Read(ref _activeWaits);

    public async Task HandleAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _terminalRequests);
        // The path exactly as sent (not percent-decoded): what the terminal signed, and what is dispatched on.
        string path = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget
            ?? ctx.Request.Path.Value + ctx.Request.QueryString.Value;
        GatewayFault fault = _faults?.Decide(path) ?? GatewayFault.None;
        switch (fault)
        {
            case GatewayFault.DropRequest:
                ctx.Abort();
                return;
            case GatewayFault.ServerError:
                await WriteUnsignedAsync(ctx, 503, ProtocolErrors.Unavailable, "try again");
                return;
        }

        // Read before any delay: a request the terminal gave up on has still arrived whole, and commits.
        byte[]? body = await ReadBodyAsync(ctx.Request, MaxRequestBytes);
        if (fault == GatewayFault.Delay) await _faults!.HoldAsync(ctx.RequestAborted);
        string terminalId = ctx.Request.Headers[GatewayPaths.TerminalHeader].ToString();
        string timestamp = ctx.Request.Headers[GatewayPaths.TimestampHeader].ToString();
        string nonce = ctx.Request.Headers[GatewayPaths.NonceHeader].ToString();
        string signature = ctx.Request.Headers[GatewayPaths.SignatureHeader].ToString();
        StoredTerminal? terminal = TerminalRegistry.IsValidTerminalId(terminalId) ? await _store.FindTerminalAsync(terminalId) : null;
        if (terminal == null)
        {
            // Nobody to sign for: an unsigned error, which a terminal must not trust either way.
            await WriteUnsignedAsync(ctx, 401, ProtocolErrors.UnknownTerminal, "this terminal is not provisioned");
            return;
        }
        byte[][] keys = _terminals.AcceptedKeys(terminal);
        byte[] signingKey = keys[0];

        int status;
        string json;
        if (body == null)
        {
            (status, json) = (413, ProtocolErrors.Json(ProtocolErrors.TooLarge, "request body over " + MaxRequestBytes + " bytes"));
        }
        else
        {
            (string? authError, byte[]? verifiedWith) = await AuthenticateAsync(terminal, keys, ctx.Request.Method, path, timestamp, nonce, signature, body);
            if (verifiedWith != null) signingKey = verifiedWith; // during a rotation, answer in the key the terminal holds
            if (authError != null)
                (status, json) = (401, ProtocolErrors.Json(authError, "request refused: " + authError));
            else
                (status, json) = await ProcessAsync(terminalId, path, body, ctx.RequestAborted);
        }
        await RespondAsync(ctx, fault, signingKey, terminalId, path, nonce, status, Encoding.UTF8.GetBytes(json));
    }

    private async Task<(string? Error, byte[]? Key)> AuthenticateAsync(StoredTerminal terminal, byte[][] keys, string method, string path,
        string timestamp, string nonce, string signature, byte[] body)
    {
        if (timestamp.Length == 0 || nonce.Length == 0 || signature.Length == 0) return (ProtocolErrors.Unsigned, null);
        if (!RequestFields.IsNonce(nonce)) return (ProtocolErrors.BadNonce, null);
        byte[]? verified = null;
        foreach (byte[] key in keys)
        {
            if (ProtocolSigning.SignaturesEqual(ProtocolSigning.RequestSignature(key, terminal.TerminalId, method, path, timestamp, nonce, body), signature))
            {
                verified = key;
                break;
            }
        }
        if (verified == null) return (ProtocolErrors.BadSignature, null);
        long now = _clock.UnixSeconds;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || Math.Abs(seconds - now) > _replayWindowSeconds)
            return (ProtocolErrors.StaleTimestamp, verified);
        if (terminal.Disabled) return (ProtocolErrors.TerminalDisabled, verified);
        if (!await _store.RememberNonceAsync(terminal.TerminalId, nonce, now)) return (ProtocolErrors.Replayed, verified);
        return (null, verified);
    }

    private async Task<(int, string)> ProcessAsync(string terminalId, string path, byte[] body, CancellationToken aborted)
    {
        JsonElement? parsed = StrictJson.ParseObject(body, out string? problem);
        if (parsed is not JsonElement root) return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest, problem!));

        long now = _clock.UnixSeconds;
        string? firmware = path == GatewayPaths.Ping && RequestFields.TryString(root, "firmware", out string fw) && fw.Length is > 0 and <= 32 ? fw : null;
        await _store.RecordContactAsync(terminalId, now, firmware);
        switch (path)
        {
            case GatewayPaths.Ping:
                return (200, JsonSerializer.Serialize(new { time = now }));
            case GatewayPaths.Create:
            {
                if (!RequestFields.TryOrderId(root, terminalId, out string orderId) || !RequestFields.TryAmount(root, out long amount)
                    || !RequestFields.TryCurrency(root, out string currency)
                    || !RequestFields.TryInt(root, "expirySeconds", MinExpirySeconds, MaxExpirySeconds, out long expiry))
                    return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest,
                        "create needs orderId (this terminal's: '" + terminalId + "-...'), amountMinor, a known currency, expirySeconds (30-1800)"));
                AcquirerCreation created = await _acquirer.CreateAsync(terminalId, orderId, amount, currency, now, now + expiry);
                if (created.RefusedReason != null) return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest, created.RefusedReason));
                // Signed, yet still "no definite answer" for the terminal (5xx): it retries the same id or cancels it.
                if (created.UnavailableReason != null) return (503, ProtocolErrors.Json(ProtocolErrors.Unavailable, "acquirer: " + created.UnavailableReason));
                return Answer(created.Outcome, now);
            }
            case GatewayPaths.Wait:
            {
                if (!RequestFields.TryOrderId(root, terminalId, out string orderId) || !RequestFields.TryInt(root, "holdMs", 0, long.MaxValue, out long holdMs))
                    return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest, "wait needs orderId and holdMs"));
                return await WaitAsync(terminalId, orderId, (int)Math.Min(holdMs, GatewayPaths.MaxHoldMs), aborted);
            }
            case GatewayPaths.Query:
            {
                if (!RequestFields.TryOrderId(root, terminalId, out string orderId)) return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest, "query needs orderId"));
                return Answer(await _store.GetOrderAsync(terminalId, orderId, now), now);
            }
            case GatewayPaths.Cancel:
            {
                // The id is all a cancel needs; amount and currency, when given, come together and must match.
                bool hasAmount = root.TryGetProperty("amountMinor", out _);
                bool hasCurrency = root.TryGetProperty("currency", out _);
                long amount = 0;
                string? currency = null;
                if (!RequestFields.TryOrderId(root, terminalId, out string orderId) || hasAmount != hasCurrency
                    || (hasAmount && (!RequestFields.TryAmount(root, out amount) || !RequestFields.TryCurrency(root, out currency!))))
                    return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest,
                        "cancel needs orderId (this terminal's), and amountMinor with a known currency or neither"));
                return Answer(await _acquirer.CancelAsync(terminalId, orderId, amount, currency, now), now);
            }
            case GatewayPaths.Refund:
                return await RefundAsync(terminalId, root);
            case GatewayPaths.Recent:
                return await RecentAsync(terminalId, root);
            case GatewayPaths.Open:
                return (200, JsonSerializer.Serialize(new { orderIds = await _store.OpenOrderIdsAsync(terminalId, MaxOpenOrders, now) }));
            default:
                return (404, ProtocolErrors.Json(ProtocolErrors.UnknownPath, "no such endpoint"));
        }
    }

    /// <summary>docs/gateway-protocol.md 6.1: the refund as the ledger (and, once known, the acquirer) has it.</summary>
    private async Task<(int, string)> RefundAsync(string terminalId, JsonElement root)
    {
        if (!RequestFields.TryOrderId(root, terminalId, out string orderId) || !RequestFields.TryRefundId(root, out string refundId)
            || !RequestFields.TryAmount(root, out long amount) || !RequestFields.TryCurrency(root, out string currency)
            || !RequestFields.TryString(root, "reason", out string reason) || !RefundDesk.IsValidReason(reason)
            || !RequestFields.TryString(root, "operator", out string who) || who is not (RefundDesk.OperatorManager or RefundDesk.OperatorTechnician))
            return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest,
                "refund needs orderId, refundId, amountMinor, currency, reason (at most 64 printable ASCII), operator (manager or technician)"));
        RefundRequestOutcome outcome = await _refunds.RequestAsync(terminalId, orderId, refundId, amount, currency, who, reason);
        return outcome.Result switch
        {
            RefundRequestResult.UnknownOrder => (404, ProtocolErrors.Json(ProtocolErrors.UnknownOrder, "no such order for this terminal")),
            RefundRequestResult.NotPaid => (409, ProtocolErrors.Json(ProtocolErrors.NotPaid, "the order is not PAID")),
            RefundRequestResult.ExceedsPaid => (409, ProtocolErrors.Json(ProtocolErrors.RefundExceedsPaid,
                "paid " + outcome.PaidMinor + ", refunded or pending " + outcome.RefundedTotalMinor)),
            RefundRequestResult.Conflict => (409, ProtocolErrors.Json(ProtocolErrors.RefundConflict,
                "this refund id exists with another order, amount or currency")),
            _ => (200, JsonSerializer.Serialize(new
            {
                orderId,
                refundId,
                status = outcome.Refund!.Status,
                amountMinor = outcome.Refund.AmountMinor,
                currency = outcome.Refund.Currency,
                refundedTotalMinor = outcome.RefundedTotalMinor,
                paidMinor = outcome.PaidMinor,
            })),
        };
    }

    /// <summary>
    /// docs/gateway-protocol.md 6.3: this terminal's last paid sales, newest payment first, as parallel arrays (the
    /// terminal's reader indexes top-level arrays of scalars only, in bounded memory). Never another terminal's.
    /// </summary>
    private async Task<(int, string)> RecentAsync(string terminalId, JsonElement root)
    {
        if (!RequestFields.TryInt(root, "limit", 1, RecentSales.Capacity, out long limit))
            return (400, ProtocolErrors.Json(ProtocolErrors.BadRequest, "recent needs limit (1-" + RecentSales.Capacity + ")"));
        IReadOnlyList<PaidSale> sales = await _store.RecentPaidOrdersAsync(terminalId, (int)limit);
        return (200, JsonSerializer.Serialize(new
        {
            orderIds = sales.Select(s => s.Order.OrderId),
            amountMinor = sales.Select(s => s.Order.AmountMinor),
            currency = sales.Select(s => s.Order.Currency),
            refundedTotalMinor = sales.Select(s => s.RefundedTotalMinor),
            paidAt = sales.Select(s => s.Order.PaidAtUnix ?? 0),
        }));
    }

    /// <summary>Holds the request until the order leaves PENDING (a signal, from this or another instance) or the hold ends.</summary>
    private async Task<(int, string)> WaitAsync(string terminalId, string orderId, int holdMs, CancellationToken aborted)
    {
        long deadline = Environment.TickCount64 + holdMs;
        Interlocked.Increment(ref _activeWaits);
        try
        {
            while (true)
            {
                Task changed = _signals.NextChange(orderId); // before the read: a change in between still wakes us
                StoredOrder? order = await _store.GetOrderAsync(terminalId, orderId, _clock.UnixSeconds);
                long remaining = deadline - Environment.TickCount64;
                bool settled = order == null || order.AsOf(_clock.UnixSeconds).Status != OrderStatus.Pending;
                if (settled) _signals.Forget(orderId); // no change will come to remove it
                if (settled || remaining <= 0 || aborted.IsCancellationRequested)
                    return Answer(order, _clock.UnixSeconds);
                try
                {
                    await changed.WaitAsync(TimeSpan.FromMilliseconds(remaining), aborted);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activeWaits);
        }
    }

    private static (int, string) Answer(OrderOutcome outcome, long now) =>
        outcome.Conflict
            ? (409, ProtocolErrors.Json(ProtocolErrors.OrderConflict, "this order id exists with other terminal, amount or currency"))
            : Answer(outcome.Order, now);

    private static (int, string) Answer(StoredOrder? order, long now)
    {
        if (order == null) return (404, ProtocolErrors.Json(ProtocolErrors.UnknownOrder, "no such order for this terminal"));
        return (200, JsonSerializer.Serialize(new
        {
            orderId = order.OrderId,
            status = order.Status,
            amountMinor = order.AmountMinor,
            currency = order.Currency,
            code = order.Code,
            expiresInSeconds = Math.Max(0, order.ExpiresAtUnix - now),
        }));
    }

    private async Task RespondAsync(HttpContext ctx, GatewayFault fault, byte[] key, string terminalId, string path,
        string requestNonce, int status, byte[] body)
    {
        if (fault == GatewayFault.DropResponse)
        {
            ctx.Abort();
            return;
        }
        if (fault == GatewayFault.OversizedBody || fault == GatewayFault.OversizedUnannouncedBody)
            body = Encoding.ASCII.GetBytes("{\"pad\":\"" + new string('x', OversizedBodyBytes) + "\"}");
        string timestamp = _clock.UnixSeconds.ToString(CultureInfo.InvariantCulture);
        string nonce = ProtocolSigning.NewNonce();
        string signature = ProtocolSigning.ResponseSignature(key, terminalId, status, ctx.Request.Method, path, requestNonce, timestamp, nonce, body);
        var sent = new SentResponse(status, timestamp, nonce, signature, body);
        if (_faults != null)
        {
            string lastKey = terminalId + " " + path;
            lock (_lastResponses)
            {
                _lastResponses.TryGetValue(lastKey, out SentResponse? previous);
                if (fault != GatewayFault.ReplayPrevious) _lastResponses[lastKey] = sent;
                else if (previous != null) sent = previous;
            }
            if (fault == GatewayFault.WrongSignature)
                sent = sent with { Signature = (sent.Signature[0] == '0' ? "1" : "0") + sent.Signature.Substring(1) };
        }

        ctx.Response.StatusCode = sent.Status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers[GatewayPaths.TimestampHeader] = sent.Timestamp;
        ctx.Response.Headers[GatewayPaths.NonceHeader] = sent.Nonce;
        ctx.Response.Headers[GatewayPaths.SignatureHeader] = sent.Signature;
        switch (fault)
        {
            case GatewayFault.TruncatedBody:
                ctx.Response.ContentLength = sent.Body.Length / 2;
                await ctx.Response.Body.WriteAsync(sent.Body.AsMemory(0, sent.Body.Length / 2));
                return;
            case GatewayFault.OversizedUnannouncedBody:
                for (int at = 0; at < sent.Body.Length; at += 4096)
                {
                    await ctx.Response.Body.WriteAsync(sent.Body.AsMemory(at, Math.Min(4096, sent.Body.Length - at)));
                    await ctx.Response.Body.FlushAsync();
                }
                return;
            case GatewayFault.ConnectionReset:
                ctx.Response.ContentLength = sent.Body.Length;
                await ctx.Response.Body.WriteAsync(sent.Body.AsMemory(0, sent.Body.Length / 2));
                await ctx.Response.Body.FlushAsync();
                ctx.Abort();
                return;
            default:
                ctx.Response.ContentLength = sent.Body.Length;
                await ctx.Response.Body.WriteAsync(sent.Body);
                return;
        }
    }

    private static async Task WriteUnsignedAsync(HttpContext ctx, int status, string error, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(ProtocolErrors.Json(error, message));
    }

    /// <summary>
    /// The body, or null when it is longer than maxBytes - also when it is longer than the server's own limit
    /// (Kestrel refuses to read it): the caller then answers 413 itself, signed when the terminal is known.
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes) return null;
        var buffer = new MemoryStream();
        var chunk = new byte[1024];
        try
        {
            while (true)
            {
                int read = await request.Body.ReadAsync(chunk);
                if (read == 0) return buffer.ToArray();
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) return null;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
