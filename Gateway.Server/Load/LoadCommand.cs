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
/// there are two) -> PAID. Prints transactions per second, pay -> PAID latency p50/p99 (from the wallet's
/// request to the terminal's answer) and the server's memory per held long poll (resident set growth while
/// N long polls are held, divided by N). Results go to docs/benchmarks.md.
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

        // 1. Throughput and pay -> PAID latency.
        var latenciesMs = new List<double>[n];
        long deadline = Environment.TickCount64 + seconds * 1000L;
        var errors = new int[1];
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
                }
            }
        })));
        double elapsed = started.Elapsed.TotalSeconds;
        var all = latenciesMs.SelectMany(l => l).OrderBy(x => x).ToArray();

        // 2. Memory per held long poll: every client holds one wait on an unpaid order.
        var pending = new string[n];
        await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            pending[i] = $"{clients[i].TerminalId}-hold";
            await clients[i].CreateAsync(pending[i], 100, "NOK", 300);
        }));
        await Task.Delay(1000);
        long idle = servers.Sum(s => s.ResidentBytes());
        var holds = Enumerable.Range(0, n).Select(i => clients[i].WaitAsync(pending[i], 25_000)).ToArray();
        long waitUntil = Environment.TickCount64 + 20_000;
        while (await ActiveWaitsAsync(http, servers) < n && Environment.TickCount64 < waitUntil) await Task.Delay(100);
        int held = await ActiveWaitsAsync(http, servers);
        await Task.Delay(500);
        long holding = servers.Sum(s => s.ResidentBytes());
        await Task.WhenAll(holds);

        Console.WriteLine($"load: {n} clients, {servers.Count} instance(s), {storage}, {elapsed:F1} s");
        Console.WriteLine($"  transactions: {all.Length} PAID ({all.Length / elapsed:F0} tx/s), errors {errors[0]}");
        if (all.Length > 0)
            Console.WriteLine($"  pay -> PAID: p50 {Percentile(all, 0.50):F1} ms, p99 {Percentile(all, 0.99):F1} ms, max {all[^1]:F1} ms");
        Console.WriteLine($"  long polls held: {held}; server resident memory {idle / 1048576.0:F1} MB idle -> {holding / 1048576.0:F1} MB holding: " +
                          $"{(holding - idle) / (double)Math.Max(1, held) / 1024:F1} KB per held long poll");
        return errors[0] == 0 ? 0 : 1;
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
