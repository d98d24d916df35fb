using System.Net.Http.Json;
using System.Text.Json;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Host;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;

namespace Terminal.Tests.Gateway;

/// <summary>
/// The gateway server (in process, SQLite in a temporary folder, fault injection available) on loopback with one provisioned terminal, the terminal's real GatewayClient over real
/// HTTP, and the tourist's wallet. Wall time is a fake clock shared by both sides (expiry and signatures).
/// </summary>
public sealed class GatewayHarness : IDisposable
{
    public const string TerminalId = "T0001";
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    public readonly FakeWallClock Clock = new(1_790_000_000);
    public readonly GatewayHost Gateway;
    public readonly GatewayConfig Config;
    public readonly HttpClientTransport Transport;
    public readonly GatewayClient Client;
    public readonly OrderIds Ids;
    private readonly HttpClient _wallet = new();
    private static int _boot;

    public GatewayHarness(int seed = 1, int requestTimeoutMs = 2000, int waitMarginMs = 2000, int maxAttempts = 4)
    {
        Gateway = GatewayHost.StartTemporary(clock: Clock, faults: new FaultInjector());
        Gateway.ProvisionTerminal(TerminalId, Key);
        Config = NewConfig(requestTimeoutMs, waitMarginMs, maxAttempts);
        Transport = new HttpClientTransport(Gateway.BaseUrl);
        Client = NewClient(Config, Transport, seed);
        Ids = NewOrderIds(seed);
    }

    public GatewayConfig NewConfig(int requestTimeoutMs = 2000, int waitMarginMs = 2000, int maxAttempts = 4, byte[]? key = null,
        string terminalId = TerminalId) => new()
    {
        TerminalId = terminalId,
        Key = key ?? Key,
        RequestTimeoutMs = requestTimeoutMs,
        WaitMarginMs = waitMarginMs,
        MaxAttempts = maxAttempts,
        RetryBackoffMs = 0,
    };

    public GatewayClient NewClient(GatewayConfig config, Terminal.Drivers.Network.IHttpTransport transport, int seed, IWallClock? clock = null) =>
        new(config, transport, clock ?? Clock, new SystemClock(), new Random(seed));

    /// <summary>Order ids of a new boot: a fresh boot value (distinct per harness and per call).</summary>
    public static OrderIds NewOrderIds(int seed)
    {
        var boot = new byte[8];
        new Random(seed * 7919 + Interlocked.Increment(ref _boot)).NextBytes(boot);
        return new OrderIds(TerminalId, boot);
    }

    /// <summary>The tourist's wallet pays a code: the HTTP status and the error code (null on success).</summary>
    public (int Status, string? Error) Pay(string code)
    {
        using var response = _wallet.PostAsJsonAsync(Gateway.BaseUrl + "/wallet/pay", new { code }).GetAwaiter().GetResult();
        string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        using var doc = JsonDocument.Parse(text);
        string? error = doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
        return ((int)response.StatusCode, error);
    }

    public GatewayReply Create(string orderId, long amountMinor = 12500, string currency = "NOK", int expirySeconds = 120)
    {
        var reply = new GatewayReply();
        Client.CreateOrder(orderId, amountMinor, currency, expirySeconds, reply);
        return reply;
    }

    public void Dispose()
    {
        _wallet.Dispose();
        Transport.Dispose();
        Gateway.Dispose();
    }
}
