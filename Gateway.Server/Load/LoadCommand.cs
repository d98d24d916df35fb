using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Gateway.Server.Storage;
using Gateway.Server.Terminals;
using Terminal.Drivers.Timing;

namespace Gateway.Server.Load;

/// <summary>
/// `load N [--instances 1|2] [--seconds S] [--postgres CONNECTION]`: a bounded loopback load run. Starts the
/// gateway as 1 or 2 separate server processes (two share one PostgreSQL database), registers N terminals and
/// runs N protocol clients, each looping create -> long poll -> the wallet pays (on the other instance when
/// there are two) -> PAID. First all N hold a long poll at once: the server's memory per held long poll
/// (resident set growth from N idle keep-alive connections to N held polls, divided by N), and pay -> PAID
/// p50/p99 while they are held, 8 wallets paying them. Then all loop as fast as they can
/// for the given seconds: transactions per second, and pay -> PAID under that saturation. Latency runs from the wallet's request to the terminal's PAID answer. Results go to
/// docs/benchmarks.md.
/// </summary>
public static class LoadCommand
{
    public const int MaxClients = 5000;
    public const int MaxSeconds = 300;

    public static async Task<int> RunAsync(string[] args, GatewayServerOptions options)
    {
        if (args.Length < 1 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int clients) || clients < 1 || clients > MaxClients)
            return GatewayCommandLine.Usage($"load N: 1-{MaxClients} clients");
        int instances = int.Parse(GatewayCommandLine.Option(args, "--instances") ?? "1", CultureInfo.InvariantCulture);
        int seconds = int.Parse(GatewayCommandLine.Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture);
        string? postgres = GatewayCommandLine.Option(args, "--postgres") ?? options.PostgresConnectionString;
        if (instances is < 1 or > 2 || seconds is < 1 or > MaxSeconds) return GatewayCommandLine.Usage($"--instances 1|2, --seconds 1-{MaxSeconds}");
        if (instances == 2 && string.IsNullOrEmpty(postgres)) return GatewayCommandLine.Usage("two instances share a PostgreSQL database: --postgres CONNECTION");

        string folder = Path.Combine(Path.GetTempPath(), "gateway-load-" + Guid.NewGuid().ToString("N"));
        var serverOptions = new GatewayServerOptions { DataDirectory = folder, PostgresConnectionString = postgres };
        var configuration = new List<string> { "--Gateway:Urls=http://127.0.0.1:0", "--Gateway:DataDirectory=" + folder };
        if (!string.IsNullOrEmpty(postgres)) configuration.Add("--Gateway:PostgresConnectionString=" + postgres);
        try
        {
            string run = "LOAD-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            var keys = await RegisterTerminalsAsync(serverOptions, clients, run);
            var servers = new List<ServerProcess>();
            try
            {
                for (int i = 0; i < instances; i++) servers.Add(ServerProcess.Start(configuration, TimeSpan.FromSeconds(60)));
                return await MeasureAsync(servers, keys, seconds, postgres != null ? "PostgreSQL" : "SQLite");
            }
            finally
            {
                foreach (ServerProcess server in servers) server.Dispose();
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Registers terminals PREFIX-0000.. with fresh keys in the store the servers will open; returns ids and keys.</summary>
    public static async Task<List<(string Id, byte[] Key)>> RegisterTerminalsAsync(GatewayServerOptions options, int clients, string run)
    {
        await using IGatewayStore store = GatewayHost.OpenStore(options, _ => { });
        await store.MigrateAsync();
        var registry = new TerminalRegistry(store, new TerminalKeyProtector(TerminalKeyProtector.CreateProvider(options)), new SystemWallClock(), 0);
        var keys = new List<(string, byte[])>();
        for (int i = 0; i < clients; i++)
        {
            string id = $"{run}-{i:D4}";
            byte[] key = RandomNumberGenerator.GetBytes(TerminalRegistry.KeyBytes);
            await registry.AddWithKeyAsync(id, key);
            keys.Add((id, key));
        }
        return keys;
    }

    private static async Task<int> MeasureAsync(List<ServerProcess> servers, List<(string Id, byte[] Key)> keys, int seconds, string storage)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        { Timeout = TimeSpan.FromSeconds(60) };
        int n = keys.Count;
        var clients = keys.Select((k, i) => new ProtocolClient(http, servers[i % servers.Count].BaseUrl, k.Id, k.Key)).ToArray();

        // 1. Memory per held long poll, on fresh server processes: every client pings (connections open, code
        //    jitted), creates an unpaid order, then all hold one long poll on it at once.
        var errors = new int[1];
        await Task.WhenAll(clients.Select(c => c.PingAsync()));
        var pending = new string[n];
        var codes = new string[n];
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            pending[i] = $"{clients[i].TerminalId}-hold";
            codes[i] = (await clients[i].CreateAsync(pending[i], 100, "NOK", 300)).Code!;
        }));
        await Task.Delay(1000);
        long idle = servers.Sum(s => s.ResidentBytes());
        var answeredAt = new long[n];
        var holds = Enumerable.Range(0, n).Select(async i =>
        {
            ProtocolClient.Answer answer = await clients[i].WaitAsync(pending[i], 25_000);
            answeredAt[i] = Stopwatch.GetTimestamp();
            return answer;
        }).ToArray();
        long waitUntil = Environment.TickCount64 + 20_000;
        while (await ActiveWaitsAsync(http, servers) < n && Environment.TickCount64 < waitUntil) await Task.Delay(100);
        int held = await ActiveWaitsAsync(http, servers);
        await Task.Delay(500);
        long holding = servers.Sum(s => s.ResidentBytes());

        // 2. Pay -> PAID with all N long polls held: 8 wallets pay them (on the other instance when there are
        //    two), each payment timed from its pay request to its terminal's PAID answer.
        var heldLatencies = new double[n];
        int nextToPay = -1;
        var heldErrors = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (int i = Interlocked.Increment(ref nextToPay); i < n; i = Interlocked.Increment(ref nextToPay))
            {
                long payAt = Stopwatch.GetTimestamp();
                int paid = await ProtocolClient.PayAsync(http, servers[(i + 1) % servers.Count].BaseUrl, codes[i]);
                ProtocolClient.Answer answer = await holds[i];
                if (paid != 200 || answer.OrderStatus != OrderStatus.Paid || !answer.SignatureValid)
                    heldErrors.Enqueue($"pay {paid}, wait answered {answer.OrderStatus}");
                heldLatencies[i] = Stopwatch.GetElapsedTime(payAt, answeredAt[i]).TotalMilliseconds;
            }
        })));
        Array.Sort(heldLatencies);

        // 3. Throughput: every client loops create -> long poll -> pay -> PAID as fast as it can.
        var latenciesMs = new List<double>[n];
        long deadline = Environment.TickCount64 + seconds * 1000L;
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, n).Select(i => Task.Run(async () =>
        {
            latenciesMs[i] = new List<double>();
            string payer = servers[(i + 1) % servers.Count].BaseUrl;
            for (int seq = 0; Environment.TickCount64 < deadline; seq++)
            {
                try
                {
                    string orderId = $"{clients[i].TerminalId}-{seq:D6}";
                    var created = await clients[i].CreateAsync(orderId, 100 + seq, "NOK", 120);
                    Task<ProtocolClient.Answer> wait = clients[i].WaitAsync(orderId, 25_000);
                    await Task.Delay(10); // let the long poll reach the server first
                    long payAt = Stopwatch.GetTimestamp();
                    int paid = await ProtocolClient.PayAsync(http, payer, created.Code!);
                    ProtocolClient.Answer answer = await wait;
                    if (paid != 200 || answer.OrderStatus != OrderStatus.Paid || !answer.SignatureValid || !created.SignatureValid)
                        throw new InvalidDataException($"pay {paid}, wait {answer.OrderStatus}");
                    latenciesMs[i].Add(Stopwatch.GetElapsedTime(payAt).TotalMilliseconds);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidDataException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors[0]);
                    if (errors[0] <= 3) Console.Error.WriteLine("  error: " + e.Message);
                }
            }
        })));
        double elapsed = started.Elapsed.TotalSeconds;
        var all = latenciesMs.SelectMany(l => l).OrderBy(x => x).ToArray();

        Console.WriteLine($"load: {n} clients, {servers.Count} instance(s), {storage}, {elapsed:F1} s");
        Console.WriteLine($"  saturated loop (create -> long poll -> pay -> PAID, all clients at once): {all.Length} PAID ({all.Length / elapsed:F0} tx/s), errors {errors[0]}");
        if (all.Length > 0)
            Console.WriteLine($"    pay -> PAID under that load: p50 {Percentile(all, 0.50):F1} ms, p99 {Percentile(all, 0.99):F1} ms, max {all[^1]:F1} ms");
        Console.WriteLine($"  {held} long polls held; server resident memory {idle / 1048576.0:F1} MB idle -> {holding / 1048576.0:F1} MB holding: " +
                          $"{(holding - idle) / (double)Math.Max(1, held) / 1024:F1} KB per held long poll");
        Console.WriteLine($"    pay -> PAID with them held, 8 wallets paying them: errors {heldErrors.Count}{(heldErrors.TryPeek(out string? first) ? " (" + first + ")" : "")}, p50 {Percentile(heldLatencies, 0.50):F1} ms, " +
                          $"p99 {Percentile(heldLatencies, 0.99):F1} ms, max {heldLatencies[^1]:F1} ms");
        return errors[0] == 0 && heldErrors.IsEmpty ? 0 : 1;
    }

    private static async Task<int> ActiveWaitsAsync(HttpClient http, List<ServerProcess> servers)
    {
        int sum = 0;
        foreach (ServerProcess s in servers)
        {
            var health = await http.GetFromJsonAsync<Health>(s.BaseUrl + GatewayHost.HealthPath);
            sum += health!.ActiveWaits;
        }
        return sum;
    }

    private sealed record Health(string Status, int ActiveWaits);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
