using System.Diagnostics;
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

namespace Terminal.Benchmarks;

/// <summary>
/// The Alipay connector against the Alipay emulator over real loopback HTTP, RSA2 with 2048-bit keys: each
/// call (precreate, the wallet's payment up to the merchant's verified notification, query, refund) timed
/// from the call to its definite answer, and the signing costs alone. Prints median, p95 and max. What it
/// shows is the connector's and the emulator's own cost; real Alipay adds the network to China and back.
/// </summary>
public static class AlipayLatency
{
    public static void Run(int sales) => RunAsync(sales).GetAwaiter().GetResult();

    private static async Task RunAsync(int sales)
    {
        using RSA partner = RSA.Create(2048);
        await using AlipayEmulator alipay = await AlipayEmulator.StartAsync(new AlipayEmulatorSettings { PartnerPublicKeyPem = partner.ExportSubjectPublicKeyInfoPem() });

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using WebApplication merchant = builder.Build();
        AlipayClient? client = null;
        int verified = 0;
        Task<bool> Record(AlipayNotification _)
        {
            Interlocked.Increment(ref verified);
            return Task.FromResult(true);
        }
        merchant.MapPost("/notify", ctx => AlipayNotificationEndpoint.HandleAsync(ctx, client!, Record));
        await merchant.StartAsync();
        string notifyUrl = merchant.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/notify";

        var options = new AlipayOptions
        {
            PartnerId = alipay.PartnerId,
            PrivateKeyPem = partner.ExportPkcs8PrivateKeyPem(),
            AlipayPublicKeyPem = alipay.AlipayPublicKeyPem,
            GatewayUrl = alipay.GatewayUrl,
            NotifyUrl = notifyUrl.Replace("[::]", "127.0.0.1", StringComparison.Ordinal),
        };
        using var http = new HttpClient();
        client = new AlipayClient(http, options);
        var precreateMs = new List<double>();
        var payMs = new List<double>();
        var queryMs = new List<double>();
        var refundMs = new List<double>();

        for (int i = 0; i < sales + 5; i++) // the first 5 warm up (JIT, connections) and are not counted
        {
            string id = "bench-" + i;
            long t0 = Stopwatch.GetTimestamp();
            AlipayPrecreateResult created = await client.PrecreateAsync(id, 12500, "NOK", "Counter sale");
            long t1 = Stopwatch.GetTimestamp();
            if (created.Outcome != PrecreateOutcome.Created) throw new InvalidOperationException("precreate: " + created);
            int before = Volatile.Read(ref verified);
            await alipay.PayAsync(created.QrCode);
            long t2 = Stopwatch.GetTimestamp();
            if (Volatile.Read(ref verified) != before + 1) throw new InvalidOperationException("notification not verified");
            AlipayQueryResult query = await client.QueryAsync(id, 12500, "NOK");
            long t3 = Stopwatch.GetTimestamp();
            if (query.Outcome != QueryOutcome.Paid) throw new InvalidOperationException("query: " + query);
            AlipayRefundResult refund = await client.RefundAsync(id, id + "-r1", 2500, "NOK", "bench");
            long t4 = Stopwatch.GetTimestamp();
            if (refund.Outcome != RefundOutcome.Refunded) throw new InvalidOperationException("refund: " + refund);
            if (i < 5) continue;
            precreateMs.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            payMs.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
            queryMs.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
            refundMs.Add(Stopwatch.GetElapsedTime(t3, t4).TotalMilliseconds);
        }

        // Signing alone: one request signature (merchant's key) and one answer verification (Alipay's key).
        var parameters = new Dictionary<string, string>
        {
            ["service"] = AlipayProtocol.ServicePrecreate, ["partner"] = alipay.PartnerId, ["_input_charset"] = "UTF-8",
            ["out_trade_no"] = "T0001-9f3c0a7e51d2b864-000017", ["total_fee"] = "125.00", ["trans_currency"] = "NOK",
            ["subject"] = "Counter sale", ["timestamp"] = "2026-11-30 18:00:00", ["notify_url"] = options.NotifyUrl,
        };
        using AlipaySigner merchantSide = options.CreateSigner();
        var signMs = new List<double>();
        var verifyMs = new List<double>();
        using var alipaySide = AlipaySigner.Rsa2(partner.ExportPkcs8PrivateKeyPem(), partner.ExportSubjectPublicKeyInfoPem());
        for (int i = 0; i < sales + 5; i++)
        {
            long s0 = Stopwatch.GetTimestamp();
            string sign = merchantSide.Sign(parameters);
            long s1 = Stopwatch.GetTimestamp();
            if (!alipaySide.Verify(parameters, sign)) throw new InvalidOperationException("verify");
            long s2 = Stopwatch.GetTimestamp();
            if (i < 5) continue;
            signMs.Add(Stopwatch.GetElapsedTime(s0, s1).TotalMilliseconds);
            verifyMs.Add(Stopwatch.GetElapsedTime(s1, s2).TotalMilliseconds);
        }

        await merchant.StopAsync();
        Console.WriteLine($"Alipay connector against the emulator, {sales} sales on loopback, RSA2 2048-bit:");
        Console.WriteLine("| measure | median | p95 | max |");
        Console.WriteLine("|---|---|---|---|");
        Print("precreate -> Created (sign, HTTP, emulator verifies and signs, verify)", precreateMs);
        Print("wallet pays -> merchant verified the notification and answered success", payMs);
        Print("query -> Paid", queryMs);
        Print("partial refund -> Refunded", refundMs);
        Print("RSA2 sign of a precreate request (CPU only)", signMs);
        Print("RSA2 verify of the same (CPU only)", verifyMs);
    }

    private static void Print(string what, List<double> ms)
    {
        ms.Sort();
        double P(double q) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        Console.WriteLine($"| {what} | {P(0.5):F2} ms | {P(0.95):F2} ms | {ms[^1]:F2} ms |");
    }
}
