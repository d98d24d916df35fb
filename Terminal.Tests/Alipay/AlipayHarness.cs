using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Terminal.Tests.Alipay;

/// <summary>
/// A merchant's side on loopback against the Alipay emulator: a partner key pair made for the test, the
/// connector (<see cref="Client"/>), and a notify_url endpoint that records what verified notifications say
/// (<see cref="Recorder"/>), the way the gateway server will. Everything on 127.0.0.1 port 0.
/// </summary>
public sealed class AlipayHarness : IAsyncDisposable
{
    public const string PartnerId = "2088000000000001";

    private readonly WebApplication _merchant;
    private readonly HttpClient _http = new HttpClient();
    private readonly ConcurrentQueue<string> _log = new();
    private AlipayClient? _client;

    private AlipayHarness(WebApplication merchant, AlipayEmulator emulator, string partnerPrivatePem, string alipayPrivatePem, string notifyUrl)
    {
        _merchant = merchant;
        Emulator = emulator;
        PartnerPrivateKeyPem = partnerPrivatePem;
        AlipayPrivateKeyPem = alipayPrivatePem;
        NotifyUrl = notifyUrl;
    }

    public AlipayEmulator Emulator { get; }
    public AlipayClient Client => _client!;
    public NotificationRecorder Recorder { get; } = new NotificationRecorder();
    public string PartnerPrivateKeyPem { get; }
    /// <summary>The emulator's signing key, made here so a test can sign what genuine Alipay would.</summary>
    public string AlipayPrivateKeyPem { get; }
    public string NotifyUrl { get; }
    public AlipayOptions Options { get; private set; } = new AlipayOptions();
    public IReadOnlyCollection<string> LogLines => _log.ToArray();

    /// <summary>
    /// The fields of a trade_status_sync notification saying TRADE_SUCCESS (unsigned: the test signs them with
    /// the key its case needs, <see cref="Signed"/>).
    /// </summary>
    public static Dictionary<string, string> PaidNotificationFields(string outTradeNo, string tradeNo, string totalFee,
        string notifyId = "ac05099524730693a8b330c5ecf72da978") => new()
    {
        ["notify_time"] = "2026-11-30 18:00:00",
        ["notify_type"] = AlipayProtocol.NotifyTypeTradeStatusSync,
        ["notify_id"] = notifyId,
        ["out_trade_no"] = outTradeNo,
        ["trade_no"] = tradeNo,
        ["trade_status"] = AlipayProtocol.TradeSuccess,
        ["total_fee"] = totalFee,
        ["trans_currency"] = "NOK",
    };

    /// <summary>The fields with sign and sign_type (RSA2) added, signed by this signer.</summary>
    public static Dictionary<string, string> Signed(Dictionary<string, string> fields, AlipaySigner signer, string signType = "RSA2") =>
        new(fields) { ["sign"] = signer.Sign(fields), ["sign_type"] = signType };

    // 2048-bit key pairs made once per test run (making them is most of a harness's start-up time).
    private static readonly Lazy<(string PrivatePem, string PublicPem)> PartnerKeys = new(NewKeyPair);
    private static readonly Lazy<(string PrivatePem, string PublicPem)> AlipayKeys = new(NewKeyPair);

    private static (string, string) NewKeyPair()
    {
        using RSA rsa = RSA.Create(2048);
        return (rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    }

    public static async Task<AlipayHarness> StartAsync(TimeSpan? requestTimeout = null, AlipaySignType signType = AlipaySignType.RSA2, int seed = 1)
    {
        (string partnerPrivate, string partnerPublic) = PartnerKeys.Value;
        string alipayPrivate = AlipayKeys.Value.PrivatePem;
        const string md5Key = "k3y5ecretmd5k3y5ecretmd5k3y5ecr";
        var emulator = await AlipayEmulator.StartAsync(new AlipayEmulatorSettings
        {
            PartnerId = PartnerId,
            SignType = signType,
            PartnerPublicKeyPem = partnerPublic,
            Md5Key = md5Key,
            AlipayPrivateKeyPem = alipayPrivate,
            Seed = seed,
        });

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication merchant = builder.Build();
        AlipayHarness? harness = null;
        merchant.MapPost("/alipay/notify", ctx => AlipayNotificationEndpoint.HandleAsync(ctx, harness!.Client, harness.Recorder.ApplyAsync));
        await merchant.StartAsync();
        string address = merchant.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        string notifyUrl = "http://127.0.0.1:" + new Uri(address).Port + "/alipay/notify";

        harness = new AlipayHarness(merchant, emulator, partnerPrivate, alipayPrivate, notifyUrl);
        harness.Options = new AlipayOptions
        {
            PartnerId = PartnerId,
            SignType = signType,
            PrivateKeyPem = partnerPrivate,
            AlipayPublicKeyPem = emulator.AlipayPublicKeyPem,
            Md5Key = md5Key,
            GatewayUrl = emulator.GatewayUrl,
            NotifyUrl = notifyUrl,
            SettlementCurrency = "EUR",
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
        };
        harness._client = harness.NewClient(harness.Options);
        harness.Patient = harness.NewClient(CopyWithTimeout(harness.Options, PatientTimeout));
        return harness;
    }

    /// <summary>
    /// The timeout of <see cref="Patient"/>: far beyond any answer's time on a loaded machine, so the steps around a
    /// faulted call (set-up, retries, checks) never race a short client timeout that only the faulted call needs.
    /// </summary>
    private static readonly TimeSpan PatientTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The same connector with a generous timeout, for set-up steps and the checks after a fault.</summary>
    public AlipayClient Patient { get; private set; } = null!;

    private static AlipayOptions CopyWithTimeout(AlipayOptions o, TimeSpan timeout) => new AlipayOptions
    {
        PartnerId = o.PartnerId, SignType = o.SignType, PrivateKeyPem = o.PrivateKeyPem, AlipayPublicKeyPem = o.AlipayPublicKeyPem,
        Md5Key = o.Md5Key, GatewayUrl = o.GatewayUrl, NotifyUrl = o.NotifyUrl, SettlementCurrency = o.SettlementCurrency,
        ExtendParamsJson = o.ExtendParamsJson, RequestTimeout = timeout,
    };

    /// <summary>Another connector on the same emulator (say, with wrong keys).</summary>
    public AlipayClient NewClient(AlipayOptions options) => new AlipayClient(_http, options, log: line => _log.Enqueue(line));

    /// <summary>Posts form fields to the merchant's notify_url as a (possibly forged) notification would; returns the answer.</summary>
    public async Task<string> PostNotificationAsync(IEnumerable<KeyValuePair<string, string>> form)
    {
        using HttpResponseMessage response = await _http.PostAsync(NotifyUrl, new FormUrlEncodedContent(form));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Creates an order and returns its code (fails the test if precreate does not say Created).</summary>
    public async Task<string> CreateAsync(string orderId, long amountMinor, string currency = "NOK")
    {
        AlipayPrecreateResult created = await Patient.PrecreateAsync(orderId, amountMinor, currency, "Counter sale");
        Xunit.Assert.Equal(PrecreateOutcome.Created, created.Outcome);
        return created.QrCode;
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await _merchant.StopAsync();
        await _merchant.DisposeAsync();
        _client?.Dispose();
        _http.Dispose();
    }
}

/// <summary>
/// What the merchant learned from verified notifications: per order the furthest trade status (late, repeated
/// and out-of-order notifications never move it back) and every notify_id applied.
/// </summary>
public sealed class NotificationRecorder
{
    private readonly object _lock = new object();
    private readonly Dictionary<string, string> _status = new(StringComparer.Ordinal);
    private readonly List<AlipayNotification> _applied = new();

    public IReadOnlyList<AlipayNotification> Applied
    {
        get { lock (_lock) return _applied.ToList(); }
    }

    public string? StatusOf(string orderId)
    {
        lock (_lock) return _status.TryGetValue(orderId, out string? s) ? s : null;
    }

    /// <summary>How many of the next notifications to leave unstored (a database hiccup): the endpoint answers "fail".</summary>
    public int FailNextApplies { get; set; }

    public Task<bool> ApplyAsync(AlipayNotification n)
    {
        lock (_lock)
        {
            if (FailNextApplies > 0)
            {
                FailNextApplies--;
                return Task.FromResult(false);
            }
            _applied.Add(n);
            _status.TryGetValue(n.OutTradeNo, out string? current);
            if (AlipayTradeStatus.Supersedes(n.TradeStatus, current)) _status[n.OutTradeNo] = n.TradeStatus;
        }
        return Task.FromResult(true);
    }
}
