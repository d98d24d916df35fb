using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Gateway.Acquirers.Alipay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alipay.Emulator;

/// <summary>
/// Alipay's cross-border in-store QR interface on 127.0.0.1: POST (or GET) /gateway.do with the services
/// precreate, query, cancel and overseas spot refund, each request's signature verified with the partner's
/// key and each answer signed with the emulator's own; POST /wallet/pay {"code": "https://qr.alipay.com/..."}
/// is the tourist's wallet paying a scanned code. Notifications go to each trade's notify_url
/// (<see cref="Notifications"/>), faults come from <see cref="Faults"/>.
/// </summary>
public sealed class AlipayEmulator : IAsyncDisposable
{
    public const int MaxRequestBytes = 16 * 1024;

    private readonly WebApplication _app;
    private readonly AlipayEmulatorSettings _settings;
    private readonly AlipaySigner _signer;
    private readonly HttpClient _notifyHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stopping = new();
    private int _gatewayRequests;

    private AlipayEmulator(WebApplication app, AlipayEmulatorSettings settings, AlipaySigner signer, string publicKeyPem)
    {
        _app = app;
        _settings = settings;
        _signer = signer;
        AlipayPublicKeyPem = publicKeyPem;
        Ledger = new EmulatorLedger(settings.Seed);
        Notifications = new NotificationSender(_notifyHttp, signer, settings.Time, settings.Seed ^ 0x3C3C);
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The address a connector's GatewayUrl names.</summary>
    public string GatewayUrl => BaseUrl + "/gateway.do";

    /// <summary>The emulator's public key (PEM): the "Alipay public key" a merchant configures.</summary>
    public string AlipayPublicKeyPem { get; }

    public string PartnerId => _settings.PartnerId;

    public EmulatorLedger Ledger { get; }

    public NotificationSender Notifications { get; }

    public AlipayFaultInjector Faults { get; } = new AlipayFaultInjector();

    /// <summary>
    /// Runs (and is awaited) before each verified request is carried out, with the service name: lets a test
    /// put an event exactly between two calls (the tourist paying between a query and a cancel).
    /// </summary>
    public Func<string, Task>? BeforeService { get; set; }

    /// <summary>gateway.do requests received (faulted and refused ones included).</summary>
    public int GatewayRequests => Volatile.Read(ref _gatewayRequests);

    public static async Task<AlipayEmulator> StartAsync(AlipayEmulatorSettings settings)
    {
        string privatePem = settings.AlipayPrivateKeyPem;
        if (privatePem.Length == 0)
        {
            using RSA generated = RSA.Create(2048);
            privatePem = generated.ExportPkcs8PrivateKeyPem();
        }
        string publicPem;
        using (RSA own = RSA.Create())
        {
            own.ImportFromPem(privatePem);
            publicPem = own.ExportSubjectPublicKeyInfoPem();
        }
        AlipaySigner signer = settings.SignType == AlipaySignType.MD5
            ? AlipaySigner.Md5(settings.Md5Key)
            : AlipaySigner.Rsa2(privatePem, settings.PartnerPublicKeyPem);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, settings.Port);
            o.Limits.MaxRequestBodySize = MaxRequestBytes;
        });
        var app = builder.Build();
        var emulator = new AlipayEmulator(app, settings, signer, publicPem);
        app.Map("/gateway.do", emulator.HandleGatewayAsync);
        app.MapPost("/wallet/pay", emulator.HandleWalletAsync);
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = "http://127.0.0.1:" + new Uri(address).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return emulator;
    }

    /// <summary>The tourist's wallet pays a scanned code (the same as POST /wallet/pay); notifications go out before it returns.</summary>
    public async Task<WalletPayStatus> PayAsync(string code)
    {
        var (status, notification, _) = Ledger.Pay(code);
        if (notification is { } n) await Notifications.SendAsync(n).ConfigureAwait(false);
        return status;
    }

    /// <summary>Alipay's own timeout: every unpaid trade is closed now (and notified as TRADE_CLOSED).</summary>
    public async Task CloseUnpaidTradesAsync()
    {
        foreach (var n in Ledger.CloseUnpaid()) await Notifications.SendAsync(n).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _notifyHttp.Dispose();
        _signer.Dispose();
        _stopping.Dispose();
    }

    // ---------------- gateway.do ----------------

    private async Task HandleGatewayAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _gatewayRequests);
        Dictionary<string, string>? p = await ReadParametersAsync(ctx.Request).ConfigureAwait(false);
        if (p is null)
        {
            await WriteRefusalAsync(ctx, "ILLEGAL_ARGUMENT").ConfigureAwait(false);
            return;
        }
        string service = p.TryGetValue(AlipayProtocol.ParamService, out string? s) ? s : "";
        AlipayFault fault = Faults.Decide(service);
        switch (fault)
        {
            case AlipayFault.DropConnection:
                ctx.Abort();
                return;
            case AlipayFault.HttpError:
                ctx.Response.StatusCode = 502;
                return;
            case AlipayFault.Timeout:
                await HangAsync(ctx).ConfigureAwait(false);
                return;
            case AlipayFault.UnsignedRefusal:
                await WriteRefusalAsync(ctx, AlipayProtocol.ErrorIllegalSign).ConfigureAwait(false);
                return;
        }

        string? refusal = CheckRequest(p);
        if (refusal != null)
        {
            await WriteRefusalAsync(ctx, refusal).ConfigureAwait(false);
            return;
        }

        if (fault is AlipayFault.SystemError or AlipayFault.ResultUnknown)
        {
            var fields = new Dictionary<string, string>
            {
                [AlipayProtocol.ParamResultCode] = fault == AlipayFault.SystemError ? AlipayProtocol.ResultFail : AlipayProtocol.ResultUnknown,
                [AlipayProtocol.ParamDetailErrorCode] = AlipayProtocol.ErrorSystemError,
            };
            await WriteReplyAsync(ctx, p, fields, signed: true, corruptSignature: false).ConfigureAwait(false);
            return;
        }

        if (BeforeService is { } before) await before(service).ConfigureAwait(false);
        EmulatorLedger.Outcome outcome = service switch
        {
            AlipayProtocol.ServicePrecreate => Ledger.Precreate(p),
            AlipayProtocol.ServiceQuery => Ledger.Query(p),
            AlipayProtocol.ServiceCancel => Ledger.Cancel(p),
            AlipayProtocol.ServiceRefund => Ledger.Refund(p),
            _ => default,
        };
        if (outcome.Fields is null)
        {
            await WriteRefusalAsync(ctx, "ILLEGAL_SERVICE").ConfigureAwait(false);
            return;
        }
        foreach (var n in outcome.Notifications) await Notifications.SendAsync(n).ConfigureAwait(false);

        switch (fault)
        {
            case AlipayFault.ApplyThenDropConnection:
                ctx.Abort();
                return;
            case AlipayFault.ApplyThenTimeout:
                await HangAsync(ctx).ConfigureAwait(false);
                return;
            case AlipayFault.ApplyThenSystemError:
                var failed = new Dictionary<string, string>
                {
                    [AlipayProtocol.ParamResultCode] = AlipayProtocol.ResultFail,
                    [AlipayProtocol.ParamDetailErrorCode] = AlipayProtocol.ErrorSystemError,
                };
                await WriteReplyAsync(ctx, p, failed, signed: true, corruptSignature: false).ConfigureAwait(false);
                return;
        }
        await WriteReplyAsync(ctx, p, outcome.Fields, signed: fault != AlipayFault.ApplyThenUnsigned,
            corruptSignature: fault == AlipayFault.ApplyThenBadSignature).ConfigureAwait(false);
    }

    /// <summary>Null when the request may be served; otherwise the error code of an is_success F answer.</summary>
    private string? CheckRequest(Dictionary<string, string> p)
    {
        string Get(string name) => p.TryGetValue(name, out string? v) ? v : "";
        if (Get(AlipayProtocol.ParamPartner) != _settings.PartnerId) return AlipayProtocol.ErrorIllegalPartner;
        if (Get(AlipayProtocol.ParamSignType) != _signer.SignTypeName) return "ILLEGAL_SIGN_TYPE";
        if (!_signer.Verify(p, Get(AlipayProtocol.ParamSign))) return AlipayProtocol.ErrorIllegalSign;
        string timestamp = Get(AlipayProtocol.ParamTimestamp);
        if (timestamp.Length > 0)
        {
            if (!AlipayTime.TryParse(timestamp, out DateTimeOffset sent)) return "ILLEGAL_ARGUMENT";
            if ((_settings.Time.GetUtcNow() - sent).Duration() > _settings.RequestLifetime) return "ILLEGAL_TIMESTAMP";
        }
        return null;
    }

    private static async Task<Dictionary<string, string>?> ReadParametersAsync(HttpRequest request)
    {
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in request.Query)
        {
            if (q.Value.Count != 1) return null;
            p[q.Key] = q.Value.ToString();
        }
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                return null;
            }
            foreach (var f in form)
            {
                if (f.Value.Count != 1) return null;
                // _input_charset may come both in the URL and the body (the docs ask for it in the URL on POST).
                if (p.TryGetValue(f.Key, out string? fromQuery) && fromQuery != f.Value.ToString()) return null;
                p[f.Key] = f.Value.ToString();
            }
        }
        return p;
    }

    private async Task HangAsync(HttpContext ctx)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        ctx.Abort();
    }

    private async Task WriteReplyAsync(HttpContext ctx, Dictionary<string, string> request, Dictionary<string, string> fields, bool signed, bool corruptSignature)
    {
        var requestEcho = new XElement("request", request
            .Where(p => p.Key != AlipayProtocol.ParamSign)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new XElement("param", new XAttribute("name", p.Key), p.Value)));
        var root = new XElement("alipay",
            new XElement("is_success", "T"),
            requestEcho,
            new XElement("response", new XElement("alipay", fields.Select(f => new XElement(f.Key, f.Value)))));
        if (signed)
        {
            string sign = _signer.Sign(fields);
            if (corruptSignature) sign = Corrupt(sign);
            root.Add(new XElement("sign", sign), new XElement("sign_type", _signer.SignTypeName));
        }
        await WriteXmlAsync(ctx, root).ConfigureAwait(false);
    }

    private static string Corrupt(string sign)
    {
        char[] chars = sign.ToCharArray();
        chars[chars.Length / 2] = chars[chars.Length / 2] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static Task WriteRefusalAsync(HttpContext ctx, string error) =>
        WriteXmlAsync(ctx, new XElement("alipay", new XElement("is_success", "F"), new XElement("error", error)));

    private static async Task WriteXmlAsync(HttpContext ctx, XElement root)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "text/xml; charset=utf-8";
        string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + root.ToString(SaveOptions.DisableFormatting);
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(xml)).ConfigureAwait(false);
    }

    // ---------------- the wallet ----------------

    private async Task HandleWalletAsync(HttpContext ctx)
    {
        string code;
        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(ctx.Request.Body).ConfigureAwait(false);
            code = doc.RootElement.GetProperty("code").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await WriteJsonAsync(ctx, 400, "{\"error\":\"bad_request\"}").ConfigureAwait(false);
            return;
        }
        WalletPayStatus status = await PayAsync(code).ConfigureAwait(false);
        (int http, string body) = status switch
        {
            WalletPayStatus.Paid => (200, "{\"status\":\"PAID\"}"),
            WalletPayStatus.AlreadyPaid => (409, "{\"error\":\"already_paid\"}"),
            WalletPayStatus.Closed => (410, "{\"error\":\"closed\"}"),
            _ => (404, "{\"error\":\"unknown_code\"}"),
        };
        await WriteJsonAsync(ctx, http, body).ConfigureAwait(false);
    }

    private static Task WriteJsonAsync(HttpContext ctx, int status, string body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.WriteAsync(body);
    }
}
