using System.Net;
using Gateway.Acquirers.Alipay;
using Gateway.Server.Acquiring;
using Gateway.Server.Merchant;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Terminals;
using Gateway.Server.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Timing;

namespace Gateway.Server;

/// <summary>
/// One running gateway: Kestrel with the terminal protocol (/v1/...), the development wallet (/wallet/pay)
/// and the merchant's page (/merchant/), over the configured store. <c>dotnet run --project Gateway.Server</c>
/// runs one; the simulator and the tests run one in process (<see cref="StartTemporary"/>: SQLite in a
/// temporary folder), optionally with a fake clock and a <see cref="FaultInjector"/>.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable, IDisposable
{
    /// <summary>GET: {"status":"ok","activeWaits":n} for monitoring and the load command (counts only, no data).</summary>
    public const string HealthPath = "/health";

    private readonly WebApplication _app;
    private readonly OrderChangeListener? _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _housekeeping;
    private readonly Task _reconciling;
    private readonly string? _temporaryFolder;
    private readonly GatewayServerOptions _options;
    private int _disposed;

    /// <summary>Alipay's notify_url on this server (POST, form-encoded, answered "success" once stored).</summary>
    public const string AlipayNotifyPath = "/alipay/notify";

    private readonly HttpClient? _alipayHttp;

    private GatewayHost(WebApplication app, GatewayServerOptions options, IGatewayStore store, TerminalRegistry terminals,
        TerminalProtocolEndpoint protocol, MerchantAccount merchant, IWallClock clock, FaultInjector? faults,
        OrderChangeListener? listener, string? temporaryFolder, IOrderAcquirer acquirer, HttpClient? alipayHttp, RefundDesk refunds)
    {
        _app = app;
        Refunds = refunds;
        Acquirer = acquirer;
        _alipayHttp = alipayHttp;
        _options = options;
        Store = store;
        Terminals = terminals;
        Protocol = protocol;
        Merchant = merchant;
        Clock = clock;
        Faults = faults;
        _listener = listener;
        _temporaryFolder = temporaryFolder;
        _housekeeping = Task.Run(HousekeepingAsync);
        _reconciling = Task.Run(ReconcilingAsync);
    }

    public IGatewayStore Store { get; }
    /// <summary>The acquirer seam's choice (Gateway:Acquirer): the development wallet or Alipay.</summary>
    public IOrderAcquirer Acquirer { get; }
    /// <summary>Refunds from terminals and the merchant's page (docs/gateway-protocol.md 6).</summary>
    public RefundDesk Refunds { get; }
    public TerminalRegistry Terminals { get; }
    public TerminalProtocolEndpoint Protocol { get; }
    public MerchantAccount Merchant { get; }
    public IWallClock Clock { get; }
    /// <summary>Null unless a test started this host with fault injection.</summary>
    public FaultInjector? Faults { get; }
    public string BaseUrl { get; private set; } = "";
    public int Port { get; private set; }
    public int ActiveWaits => Protocol.ActiveWaits;
    public int OrdersWatched => Protocol.OrdersWatched;
    public int TerminalRequests => Protocol.TerminalRequests;

    /// <summary>Opens the configured store, migrates it and starts serving on <see cref="GatewayServerOptions.Urls"/>.</summary>
    public static async Task<GatewayHost> StartAsync(GatewayServerOptions options, IWallClock? clock = null, FaultInjector? faults = null,
        Action<ILoggingBuilder>? logging = null, string? temporaryFolder = null)
    {
        clock ??= new SystemWallClock();
        // Settings that cannot work are refused before anything is opened or started (the notify_url is checked again once bound).
        if (options.Problem() is { } problem) throw new ArgumentException(problem);
        if (options.UsesAlipay) AlipaySettings.Resolve(options.Alipay, "http://127.0.0.1" + AlipayNotifyPath);
        var signals = new OrderSignals();
        IGatewayStore store = OpenStore(options, signals.Notify);
        await store.MigrateAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = TerminalProtocolEndpoint.OversizedBodyBytes);
        builder.Services.AddDataProtection()
            .SetApplicationName(TerminalKeyProtector.ApplicationName)
            .PersistKeysToFileSystem(TerminalKeyProtector.KeyRingDirectory(options));
        MerchantPage.AddServices(builder.Services);
        WebApplication app = builder.Build();

        var protector = new TerminalKeyProtector(app.Services.GetRequiredService<IDataProtectionProvider>());
        var terminals = new TerminalRegistry(store, protector, clock, options.KeyRotationGraceSeconds);
        var wallet = new WalletEndpoint(store, clock);
        var merchant = new MerchantAccount(store);
        // The acquirer (and so the protocol) is made once the bound address is known: the default notify_url is on it.
        TerminalProtocolEndpoint? protocol = null;
        AlipayOrderAcquirer? alipayOrders = null;
        RefundDesk? refunds = null;
        app.MapPost("/v1/{**rest}", ctx => protocol != null ? protocol.HandleAsync(ctx) : StartingAsync(ctx));
        if (!options.UsesAlipay) app.MapPost("/wallet/pay", wallet.HandleAsync); // only Alipay says PAID for Alipay orders
        if (options.UsesAlipay)
            app.MapPost(AlipayNotifyPath, ctx => alipayOrders != null
                ? AlipayNotificationEndpoint.HandleAsync(ctx, alipayOrders.Client, alipayOrders.ApplyNotificationAsync)
                : StartingAsync(ctx));
        app.MapGet(HealthPath, () => Results.Json(new { status = "ok", activeWaits = protocol?.ActiveWaits ?? 0 }));
        new MerchantPage(store, terminals, merchant, clock, options).Map(app);
        new RefundPages(store, () => refunds).Map(app);

        OrderChangeListener? listener = null;
        if (store is PostgresGatewayStore postgres)
        {
            listener = new OrderChangeListener(postgres.ConnectionString, signals, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Listener"));
            await listener.StartAsync();
        }
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new Uri(address);
        string baseUrl = uri.Scheme + "://" + (IPAddress.TryParse(uri.Host, out _) || uri.Host == "localhost" ? uri.Host : "127.0.0.1") + ":" + uri.Port;
        IOrderAcquirer acquirer = new DevelopmentAcquirer(store);
        HttpClient? alipayHttp = null;
        if (options.UsesAlipay)
        {
            AlipayOptions alipay = AlipaySettings.Resolve(options.Alipay, baseUrl + AlipayNotifyPath);
            alipayHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // the connector applies its own RequestTimeout
            ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Alipay");
            var client = new AlipayClient(alipayHttp, alipay, log: line => log.LogInformation("{Line}", line));
            acquirer = alipayOrders = new AlipayOrderAcquirer(store, new AlipayAcquirer(client), client, clock, log, options.OrderSubject);
        }
        refunds = new RefundDesk(store, acquirer, clock);
        protocol = new TerminalProtocolEndpoint(store, acquirer, refunds, terminals, signals, clock, options.ReplayWindowSeconds, faults);
        var host = new GatewayHost(app, options, store, terminals, protocol, merchant, clock, faults, listener, temporaryFolder, acquirer, alipayHttp, refunds);
        host.Port = uri.Port;
        host.BaseUrl = baseUrl;
        return host;
    }

    /// <summary>A request in the moment between Kestrel's start and the acquirer's: try again.</summary>
    private static async Task StartingAsync(HttpContext ctx)
    {
        ctx.Response.StatusCode = 503;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(ProtocolErrors.Json(ProtocolErrors.Unavailable, "starting"));
    }

    /// <summary>One reconciliation round now (tests; the housekeeping runs one every ReconcileIntervalMs).</summary>
    public async Task<int> ReconcileAsync(long minAgeSeconds = 0) =>
        await Acquirer.ReconcileAsync(Clock.UnixSeconds, minAgeSeconds) + await Refunds.RetryPendingAsync();

    /// <summary>A gateway on a free loopback port with SQLite in a fresh temporary folder (deleted on dispose).</summary>
    public static GatewayHost StartTemporary(IWallClock? clock = null, FaultInjector? faults = null, AlipayOptions? alipay = null,
        int reconcileIntervalMs = 3000)
    {
        string folder = Path.Combine(Path.GetTempPath(), "gateway-" + Guid.NewGuid().ToString("N"));
        var options = new GatewayServerOptions { Urls = "http://127.0.0.1:0", DataDirectory = folder, ReconcileIntervalMs = reconcileIntervalMs };
        if (alipay != null)
        {
            options.Acquirer = GatewayServerOptions.AcquirerAlipay;
            options.Alipay = alipay;
        }
        return StartAsync(options, clock, faults, temporaryFolder: folder).GetAwaiter().GetResult();
    }

    public static IGatewayStore OpenStore(GatewayServerOptions options, Action<string> onOrderChanged) =>
        options.UsesPostgres
            ? new PostgresGatewayStore(options.PostgresConnectionString!, onOrderChanged)
            : new SqliteGatewayStore(options.ResolvedSqlitePath, onOrderChanged);

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>Registers a terminal with a key made elsewhere (the simulator's virtual device, tests).</summary>
    public void ProvisionTerminal(string terminalId, byte[] key) => Terminals.AddWithKeyAsync(terminalId, key).GetAwaiter().GetResult();

    /// <summary>Moves a fake clock on (tests) and expires what is due at once.</summary>
    public void AdvanceClock(long seconds)
    {
        if (Clock is not FakeWallClock fake) throw new InvalidOperationException("the gateway runs on the system clock");
        fake.Advance(seconds);
        Store.ExpireDueAsync(Clock.UnixSeconds).GetAwaiter().GetResult();
    }

    /// <summary>An order as the ledger holds it, whichever terminal it belongs to (tests compare terminals with it).</summary>
    public StoredOrder? FindOrder(string orderId) => Store.FindOrderAsync(orderId).GetAwaiter().GetResult();

    /// <summary>The newest orders first (tests; the page has its own filters).</summary>
    public IReadOnlyList<StoredOrder> AllOrders() => Store.ListOrdersAsync(new OrderFilter(Limit: 100_000)).GetAwaiter().GetResult();

    /// <summary>
    /// Expires due orders every sweep period and forgets nonces older than twice the replay window. Its own loop:
    /// a slow acquirer (each Alipay call may take its whole timeout) never delays the expiry of long polls.
    /// </summary>
    private async Task HousekeepingAsync()
    {
        long lastNoncePurge = 0;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ExpirySweepMs, _stop.Token);
                long now = Clock.UnixSeconds;
                await Store.ExpireDueAsync(now);
                if (now - lastNoncePurge >= 60)
                {
                    await Store.ForgetNoncesBeforeAsync(now - 2L * _options.ReplayWindowSeconds);
                    lastNoncePurge = now;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                // The database is away for a moment: the next sweep tries again; reads expire lazily meanwhile.
            }
        }
    }

    /// <summary>Every ReconcileIntervalMs: orders and refunds not yet agreed with the acquirer are asked again (0: only when a test calls it).</summary>
    private async Task ReconcilingAsync()
    {
        if (_options.ReconcileIntervalMs <= 0) return;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.ReconcileIntervalMs, _stop.Token);
                await Acquirer.ReconcileAsync(Clock.UnixSeconds, _options.ReconcileAfterSeconds);
                await Refunds.RetryPendingAsync();
            }
            catch (OperationCanceledException)
            {
                if (_stop.IsCancellationRequested) return;
            }
            catch (Exception)
            {
                // Whatever one round met (Alipay or the database away): the orders stay open, the next round retries.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stop.Cancel();
        await _housekeeping;
        await _reconciling;
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_listener != null) await _listener.DisposeAsync();
        await Store.DisposeAsync();
        _alipayHttp?.Dispose();
        _stop.Dispose();
        if (_temporaryFolder != null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_temporaryFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
