using System.Collections.Concurrent;
using Gateway.Server;
using Gateway.Server.Load;
using Gateway.Server.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// kill -9 of a real gateway process in the middle of a burst of transactions, then a restart on the same
/// SQLite file or PostgreSQL database: every order a terminal was told about is there with the state it was told, nothing is paid
/// twice, and the orders whose answers were lost are settled through the protocol (query, then cancel) as
/// the terminal does after a network loss.
/// </summary>
public class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Terminals = 8;
    private const int AnsweredBeforeKill = 80;

    private sealed class Told
    {
        public required ProtocolClient Client;
        public required string Code;
        public string Status = OrderStatus.Pending;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_server_mid_burst_loses_no_told_order_and_pays_nothing_twice(string storage)
    {
        string folder = Path.Combine(Path.GetTempPath(), "gw-crash-" + Guid.NewGuid().ToString("N"));
        string? postgres = storage == "postgres" ? PostgresCluster.Shared.NewDatabase() : null;
        var options = new GatewayServerOptions { DataDirectory = folder, PostgresConnectionString = postgres };
        var configuration = new List<string> { "--Gateway:Urls=http://127.0.0.1:0", "--Gateway:DataDirectory=" + folder };
        if (postgres != null) configuration.Add("--Gateway:PostgresConnectionString=" + postgres);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var keys = await LoadCommand.RegisterTerminalsAsync(options, Terminals, "CRASH");
            var told = new ConcurrentDictionary<string, Told>();
            var sent = new ConcurrentDictionary<string, ProtocolClient>(); // every create sent, answered or not
            int answered = 0;

            using (ServerProcess server = ServerProcess.Start(configuration, TimeSpan.FromSeconds(60)))
            {
                var killed = new TaskCompletionSource();
                Task[] burst = keys.Select((k, t) => Task.Run(async () =>
                {
                    var client = new ProtocolClient(http, server.BaseUrl, k.Id, k.Key);
                    for (int n = 0; !killed.Task.IsCompleted; n++)
                    {
                        string id = $"{k.Id}-{n:D5}";
                        try
                        {
                            sent[id] = client;
                            ProtocolClient.Answer created = await client.CreateAsync(id, 100 + n, "NOK", 600);
                            Assert.True(created.SignatureValid);
                            var order = new Told { Client = client, Code = created.Code! };
                            told[id] = order;
                            if (Interlocked.Increment(ref answered) == AnsweredBeforeKill) killed.TrySetResult();
                            if (n % 3 == 0 && await ProtocolClient.PayAsync(http, server.BaseUrl, order.Code) == 200) order.Status = OrderStatus.Paid;
                            if (n % 3 == 1)
                            {
                                ProtocolClient.Answer cancelled = await client.SendAsync(Terminal.Gateway.GatewayPaths.Cancel,
                                    $"{{\"orderId\":\"{id}\",\"amountMinor\":{100 + n},\"currency\":\"NOK\"}}");
                                if (cancelled.Status == 200) order.Status = cancelled.OrderStatus!;
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                        {
                            return; // the server is gone: this terminal's last request has no answer
                        }
                    }
                })).ToArray();
                await killed.Task;
                server.KillHard();
                await Task.WhenAll(burst);
            }

            using ServerProcess restarted = ServerProcess.Start(configuration, TimeSpan.FromSeconds(60));
            int paid = 0;
            foreach ((string id, Told order) in told)
            {
                var client = new ProtocolClient(http, restarted.BaseUrl, order.Client.TerminalId, Key(keys, order.Client.TerminalId));
                ProtocolClient.Answer now = await client.QueryAsync(id);
                Assert.True(now.Status == 200 && now.SignatureValid, $"{id}: told {order.Status}, after the restart {now.Status} {now.Error}");
                if (order.Status == OrderStatus.Pending)
                    Assert.Contains(now.OrderStatus, new[] { OrderStatus.Pending, OrderStatus.Paid, OrderStatus.Cancelled }); // a lost answer may have committed
                else
                    Assert.Equal(order.Status, now.OrderStatus);
                Assert.Equal(order.Code, now.Code);
                if (now.OrderStatus == OrderStatus.Paid)
                {
                    paid++;
                    Assert.Equal(409, await ProtocolClient.PayAsync(http, restarted.BaseUrl, order.Code)); // already_paid, never twice
                }
            }

            // The terminals settle what they could not learn, through the protocol: cancel answers the truth.
            foreach ((string id, ProtocolClient sender) in sent)
            {
                if (told.TryGetValue(id, out Told? order) && order.Status != OrderStatus.Pending) continue;
                var client = new ProtocolClient(http, restarted.BaseUrl, sender.TerminalId, Key(keys, sender.TerminalId));
                string amount = id[(id.LastIndexOf('-') + 1)..];
                ProtocolClient.Answer settled = await client.SendAsync(Terminal.Gateway.GatewayPaths.Cancel,
                    $"{{\"orderId\":\"{id}\",\"amountMinor\":{100 + int.Parse(amount)},\"currency\":\"NOK\"}}");
                Assert.Equal(200, settled.Status);
                Assert.Contains(settled.OrderStatus, new[] { OrderStatus.Paid, OrderStatus.Cancelled });
                Assert.Equal(settled.OrderStatus, (await client.QueryAsync(id)).OrderStatus);
            }
            output.WriteLine($"{storage}: told {told.Count} orders before kill -9 ({sent.Count} creates sent), {paid} paid, all found after the restart");
            Assert.True(told.Count >= AnsweredBeforeKill);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static byte[] Key(List<(string Id, byte[] Key)> keys, string terminalId) => keys.First(k => k.Id == terminalId).Key;
}
