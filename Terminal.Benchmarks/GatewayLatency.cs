using System.Diagnostics;
using System.Net.Http.Json;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Host;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;

namespace Terminal.Benchmarks;

/// <summary>
/// Payment -> PAID known by the client, over real loopback HTTP: for each payment the client holds a long poll
/// (20 s hold); the wallet then pays; the figure is from just before the wallet's POST /wallet/pay to the
/// moment WaitForOutcome returns Paid on the client's thread. Prints median, p95 and max.
/// </summary>
public static class GatewayLatency
{
    public static void Run(int payments)
    {
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using var gateway = GatewayHost.StartTemporary();
        gateway.ProvisionTerminal("T0001", key);
        using var transport = new HttpClientTransport(gateway.BaseUrl);
        var config = new GatewayConfig { TerminalId = "T0001", Key = key };
        var client = new GatewayClient(config, transport, new SystemWallClock(), new SystemClock(), new Random());
        var boot = new byte[8];
        Random.Shared.NextBytes(boot);
        var ids = new OrderIds("T0001", boot);
        using var wallet = new HttpClient();
        var latenciesMs = new List<double>();

        for (int i = 0; i < payments + 5; i++) // the first 5 warm up (JIT, connections) and are not counted
        {
            string id = ids.Next();
            var created = new GatewayReply();
            client.CreateOrder(id, 100 + i, "NOK", 120, created);
            if (created.Outcome != GatewayOutcome.Pending) throw new InvalidOperationException("create failed: " + created.ErrorCode);

            long paidKnownAt = 0;
            var poll = new Thread(() =>
            {
                var reply = new GatewayReply();
                client.WaitForOutcome(id, 100 + i, "NOK", 20_000, reply);
                paidKnownAt = Stopwatch.GetTimestamp();
                if (reply.Outcome != GatewayOutcome.Paid) throw new InvalidOperationException("not paid: " + reply.Outcome);
            });
            poll.Start();
            while (gateway.ActiveWaits == 0) Thread.Sleep(1);
            long payStartedAt = Stopwatch.GetTimestamp();
            using (var paid = wallet.PostAsJsonAsync(gateway.BaseUrl + "/wallet/pay", new { code = created.CodeText }).GetAwaiter().GetResult())
            {
                if (!paid.IsSuccessStatusCode) throw new InvalidOperationException("wallet refused");
            }
            poll.Join();
            if (i >= 5) latenciesMs.Add(Stopwatch.GetElapsedTime(payStartedAt, paidKnownAt).TotalMilliseconds);
        }

        latenciesMs.Sort();
        double median = latenciesMs[latenciesMs.Count / 2];
        double p95 = latenciesMs[(int)Math.Ceiling(latenciesMs.Count * 0.95) - 1];
        Console.WriteLine($"payments={latenciesMs.Count} median_ms={median:F2} p95_ms={p95:F2} max_ms={latenciesMs[^1]:F2}");
    }
}
