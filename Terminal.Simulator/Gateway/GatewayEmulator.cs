using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Timing;

namespace Terminal.Simulator.Gateway
{
    /// <summary>
    /// The merchant's payment gateway on loopback: ASP.NET Core minimal API speaking docs/gateway-protocol.md
    /// with a ledger, Alipay-shaped codes, the wallet's POST /wallet/pay, and per-request fault injection.
    /// Its signing is written independently of the firmware's (System.Security.Cryptography, text canonical
    /// strings), so a firmware signing bug cannot hide behind a shared implementation.
    /// </summary>
    public sealed partial class GatewayEmulator : IDisposable
    {
        public const int MaxRequestBytes = 4096;
        public const int OversizedBodyBytes = 64 * 1024;
        public const int MaxOpenOrders = 16;

        private readonly WebApplication _app;
        private readonly Timer _expiryTimer;
        private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _seenNonces = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SentResponse> _lastResponses = new(StringComparer.Ordinal);
        private readonly object _authLock = new object();
        private readonly Random _nonceRandom;
        private int _terminalRequests;
        private int _activeWaits;

        private sealed record SentResponse(int Status, string Timestamp, string Nonce, string Signature, byte[] Body);

        private GatewayEmulator(WebApplication app, IWallClock clock, int seed)
        {
            _app = app;
            Clock = clock;
            Ledger = new Ledger(clock, seed);
            _nonceRandom = new Random(seed ^ 0x5A5A5A);
            _expiryTimer = new Timer(_ => Ledger.ExpireDue(), null, 250, 250);
        }

        public string BaseUrl { get; private set; } = "";
        public int Port { get; private set; }
        public Ledger Ledger { get; }
        public FaultInjector Faults { get; } = new FaultInjector();
        public IWallClock Clock { get; }

        /// <summary>How far a request's timestamp may be from the gateway's clock (nonces are kept twice as long).</summary>
        public int ReplayWindowSeconds { get; set; } = 300;

        /// <summary>Requests received on /v1/ (faulted ones included).</summary>
        public int TerminalRequests => Volatile.Read(ref _terminalRequests);

        /// <summary>Long polls being held right now (tests wait for one before paying).</summary>
        public int ActiveWaits => Volatile.Read(ref _activeWaits);

        /// <summary>Starts Kestrel on 127.0.0.1 (port 0 picks a free one). Dispose stops it.</summary>
        public static GatewayEmulator Start(int port = 0, IWallClock? clock = null, int seed = 1)
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(o =>
            {
                o.Listen(IPAddress.Loopback, port);
                o.Limits.MaxRequestBodySize = OversizedBodyBytes;
            });
            var app = builder.Build();
            var emulator = new GatewayEmulator(app, clock ?? new SystemWallClock(), seed);
            app.MapPost("/v1/{**rest}", emulator.HandleTerminalAsync);
            app.MapPost("/wallet/pay", emulator.HandleWalletAsync);
            app.StartAsync().GetAwaiter().GetResult();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            emulator.Port = new Uri(address).Port;
            emulator.BaseUrl = "http://127.0.0.1:" + emulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return emulator;
        }

        public void ProvisionTerminal(string terminalId, byte[] key)
        {
            lock (_authLock) _keys[terminalId] = (byte[])key.Clone();
        }

        /// <summary>Moves a fake clock on (tests) and expires what is due at once.</summary>
        public void AdvanceClock(long seconds)
        {
            if (Clock is not FakeWallClock fake) throw new InvalidOperationException("the emulator runs on the system clock");
            fake.Advance(seconds);
            Ledger.ExpireDue();
        }

        public void Dispose()
        {
            _expiryTimer.Dispose();
            _app.StopAsync().GetAwaiter().GetResult();
            _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        // ---------------- terminal requests ----------------

        private async Task HandleTerminalAsync(HttpContext ctx)
        {
            Interlocked.Increment(ref _terminalRequests);
            string path = ctx.Request.Path.Value + ctx.Request.QueryString.Value;
            GatewayFault fault = Faults.Decide(path);
            switch (fault)
            {
                case GatewayFault.DropRequest:
                    ctx.Abort();
                    return;
                case GatewayFault.ServerError:
                    ctx.Response.StatusCode = 503;
                    ctx.Response.ContentType = "application/json";
                    await ctx.Response.WriteAsync("{\"error\":\"unavailable\",\"message\":\"try again\"}");
                    return;
            }

            // Read before any delay: a request the terminal gave up on has still arrived whole, and commits.
            byte[]? body = await ReadBodyAsync(ctx.Request, MaxRequestBytes);
            if (fault == GatewayFault.Delay) await Faults.HoldAsync(ctx.RequestAborted);
            string terminalId = ctx.Request.Headers["X-Terminal-Id"].ToString();
            string timestamp = ctx.Request.Headers["X-Timestamp"].ToString();
            string nonce = ctx.Request.Headers["X-Nonce"].ToString();
            string signature = ctx.Request.Headers["X-Signature"].ToString();
            byte[]? key;
            lock (_authLock) key = _keys.TryGetValue(terminalId, out byte[]? k) ? k : null;
            if (key == null)
            {
                // Nobody to sign for: an unsigned error, which a terminal must not trust either way.
                ctx.Response.StatusCode = 401;
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(ErrorJson("unknown_terminal", "this terminal is not provisioned"));
                return;
            }

            int status;
            string json;
            if (body == null)
            {
                (status, json) = (413, ErrorJson("too_large", "request body over " + MaxRequestBytes + " bytes"));
            }
            else
            {
                string? authError = Authenticate(key, terminalId, ctx.Request.Method, path, timestamp, nonce, signature, body);
                if (authError != null)
                    (status, json) = (401, ErrorJson(authError, "request refused: " + authError));
                else
                    (status, json) = await ProcessAsync(terminalId, path, body);
            }
            await RespondAsync(ctx, fault, key, terminalId, path, nonce, status, Encoding.UTF8.GetBytes(json));
        }

        private string? Authenticate(byte[] key, string terminalId, string method, string path, string timestamp,
            string nonce, string signature, byte[] body)
        {
            if (timestamp.Length == 0 || nonce.Length == 0 || signature.Length == 0) return "unsigned";
            string canonical = "GW1-REQ\n" + terminalId + "\n" + method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + HexSha256(body);
            string expected = HexHmac(key, canonical);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
                return "bad_signature";
            if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long seconds))
                return "stale_timestamp";
            long now = Clock.UnixSeconds;
            if (Math.Abs(seconds - now) > ReplayWindowSeconds) return "stale_timestamp";
            lock (_authLock)
            {
                string nonceKey = terminalId + "/" + nonce;
                if (_seenNonces.ContainsKey(nonceKey)) return "replayed";
                if (_seenNonces.Count > 100_000)
                {
                    foreach (var old in _seenNonces.Where(p => p.Value < now - 2 * ReplayWindowSeconds).Select(p => p.Key).ToList())
                        _seenNonces.Remove(old);
                }
                _seenNonces[nonceKey] = now;
            }
            return null;
        }

        private async Task<(int, string)> ProcessAsync(string terminalId, string path, byte[] body)
        {
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(body);
                root = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                return (400, ErrorJson("bad_request", "body is not JSON"));
            }
            if (root.ValueKind != JsonValueKind.Object) return (400, ErrorJson("bad_request", "body is not a JSON object"));

            switch (path)
            {
                case "/v1/ping":
                    return (200, JsonSerializer.Serialize(new { time = Clock.UnixSeconds }));
                case "/v1/orders/create":
                {
                    if (!TryOrderId(root, out string orderId) || !TryAmount(root, out long amount) || !TryCurrency(root, out string currency)
                        || !TryInt(root, "expirySeconds", 30, 1800, out long expiry))
                        return (400, ErrorJson("bad_request", "create needs orderId, amountMinor, currency, expirySeconds (30-1800)"));
                    return OrderAnswer(Ledger.Create(terminalId, orderId, amount, currency, (int)expiry));
                }
                case "/v1/orders/wait":
                {
                    if (!TryOrderId(root, out string orderId) || !TryInt(root, "holdMs", 0, long.MaxValue, out long holdMs))
                        return (400, ErrorJson("bad_request", "wait needs orderId and holdMs"));
                    Ledger.Result first = Ledger.Get(terminalId, orderId);
                    if (first.Order == null) return OrderAnswer(first);
                    Interlocked.Increment(ref _activeWaits);
                    try
                    {
                        await Ledger.WaitForChangeAsync(orderId, (int)Math.Min(holdMs, 25_000));
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _activeWaits);
                    }
                    return OrderAnswer(Ledger.Get(terminalId, orderId));
                }
                case "/v1/orders/query":
                {
                    if (!TryOrderId(root, out string orderId)) return (400, ErrorJson("bad_request", "query needs orderId"));
                    return OrderAnswer(Ledger.Get(terminalId, orderId));
                }
                case "/v1/orders/cancel":
                {
                    if (!TryOrderId(root, out string orderId) || !TryAmount(root, out long amount) || !TryCurrency(root, out string currency))
                        return (400, ErrorJson("bad_request", "cancel needs orderId, amountMinor, currency"));
                    return OrderAnswer(Ledger.Cancel(terminalId, orderId, amount, currency));
                }
                case "/v1/orders/open":
                    return (200, JsonSerializer.Serialize(new { orderIds = Ledger.OpenOrderIds(terminalId, MaxOpenOrders) }));
                default:
                    return (404, ErrorJson("unknown_path", "no such endpoint"));
            }
        }

        private (int, string) OrderAnswer(Ledger.Result result)
        {
            if (result.Order == null) return (result.HttpStatus, ErrorJson(result.Error!, result.Message));
            LedgerOrder o;
            lock (Ledger.Lock) o = Ledger.Snapshot(result.Order);
            return (200, JsonSerializer.Serialize(new
            {
                orderId = o.OrderId,
                status = o.Status,
                amountMinor = o.AmountMinor,
                currency = o.Currency,
                code = o.Code,
                expiresInSeconds = Math.Max(0, o.ExpiresAtUnixSeconds - result.NowUnix),
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
            {
                body = Encoding.ASCII.GetBytes("{\"pad\":\"" + new string('x', OversizedBodyBytes) + "\"}");
            }
            string timestamp = Clock.UnixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string nonce;
            lock (_authLock) nonce = _nonceRandom.NextInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            string signature = SignResponse(key, terminalId, status, ctx.Request.Method, path, requestNonce, timestamp, nonce, body);
            var sent = new SentResponse(status, timestamp, nonce, signature, body);
            string lastKey = terminalId + " " + path;
            SentResponse? previous;
            lock (_authLock)
            {
                _lastResponses.TryGetValue(lastKey, out previous);
                if (fault != GatewayFault.ReplayPrevious) _lastResponses[lastKey] = sent;
            }
            if (fault == GatewayFault.ReplayPrevious && previous != null) sent = previous;
            if (fault == GatewayFault.WrongSignature)
            {
                sent = sent with { Signature = (sent.Signature[0] == '0' ? "1" : "0") + sent.Signature.Substring(1) };
            }

            ctx.Response.StatusCode = sent.Status;
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers["X-Timestamp"] = sent.Timestamp;
            ctx.Response.Headers["X-Nonce"] = sent.Nonce;
            ctx.Response.Headers["X-Signature"] = sent.Signature;
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

        /// <summary>The response signature of docs/gateway-protocol.md, from its text definition.</summary>
        public static string SignResponse(byte[] key, string terminalId, int status, string method, string path,
            string requestNonce, string timestamp, string nonce, byte[] body)
        {
            string canonical = "GW1-RES\n" + terminalId + "\n" + status.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + "\n"
                + method + "\n" + path + "\n" + requestNonce + "\n" + timestamp + "\n" + nonce + "\n" + HexSha256(body);
            return HexHmac(key, canonical);
        }

        // ---------------- the wallet ----------------

        private async Task HandleWalletAsync(HttpContext ctx)
        {
            byte[]? body = await ReadBodyAsync(ctx.Request, MaxRequestBytes);
            string? code = null;
            try
            {
                if (body != null)
                {
                    using var doc = JsonDocument.Parse(body);
                    if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out JsonElement c)
                        && c.ValueKind == JsonValueKind.String)
                        code = c.GetString();
                }
            }
            catch (JsonException)
            {
            }
            ctx.Response.ContentType = "application/json";
            if (code == null)
            {
                ctx.Response.StatusCode = 400;
                await ctx.Response.WriteAsync(ErrorJson("bad_request", "body must be {\"code\": \"...\"}"));
                return;
            }
            Ledger.Result result = Ledger.Pay(code);
            ctx.Response.StatusCode = result.HttpStatus;
            await ctx.Response.WriteAsync(result.Error == null
                ? JsonSerializer.Serialize(new { status = "PAID", orderId = result.Order!.OrderId })
                : ErrorJson(result.Error, result.Message));
        }

        // ---------------- helpers ----------------

        /// <summary>The body, or null when it is longer than maxBytes.</summary>
        private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[1024];
            while (true)
            {
                int read = await request.Body.ReadAsync(chunk);
                if (read == 0) return buffer.ToArray();
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) return null;
            }
        }

        private static string ErrorJson(string error, string message) => JsonSerializer.Serialize(new { error, message });

        private static string HexSha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

        private static string HexHmac(byte[] key, string canonical) =>
            Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(canonical)));

        [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
        private static partial Regex OrderIdPattern();

        [GeneratedRegex("^[A-Z]{3}$")]
        private static partial Regex CurrencyPattern();

        private static bool TryOrderId(JsonElement root, out string orderId)
        {
            orderId = "";
            if (!root.TryGetProperty("orderId", out JsonElement e) || e.ValueKind != JsonValueKind.String) return false;
            orderId = e.GetString()!;
            return OrderIdPattern().IsMatch(orderId);
        }

        private static bool TryCurrency(JsonElement root, out string currency)
        {
            currency = "";
            if (!root.TryGetProperty("currency", out JsonElement e) || e.ValueKind != JsonValueKind.String) return false;
            currency = e.GetString()!;
            return CurrencyPattern().IsMatch(currency);
        }

        private static bool TryAmount(JsonElement root, out long amount) => TryInt(root, "amountMinor", 1, 99_999_999_999, out amount);

        private static bool TryInt(JsonElement root, string name, long min, long max, out long value)
        {
            value = 0;
            return root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Number
                && e.TryGetInt64(out value) && value >= min && value <= max;
        }
    }
}
