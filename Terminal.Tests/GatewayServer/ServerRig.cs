using Gateway.Server;
using Gateway.Server.Load;
using Terminal.Drivers.Timing;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// Gateway servers in process on free loopback ports over one store (a temporary SQLite file, or a fresh
/// PostgreSQL database shared by several instances), sharing one key ring folder; HTTP clients for them.
/// </summary>
public sealed class ServerRig : IAsyncDisposable
{
    public readonly string Folder = Path.Combine(Path.GetTempPath(), "gw-rig-" + Guid.NewGuid().ToString("N"));
    public readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    public readonly List<GatewayHost> Hosts = new();
    private readonly string? _postgres;

    public ServerRig(bool postgres)
    {
        _postgres = postgres ? PostgresCluster.Shared.NewDatabase() : null;
    }

    public GatewayServerOptions Options(int graceSeconds = 7 * 24 * 3600) => new()
    {
        Urls = "http://127.0.0.1:0",
        DataDirectory = Folder,
        PostgresConnectionString = _postgres,
        KeyRotationGraceSeconds = graceSeconds,
    };

    public async Task<GatewayHost> StartAsync(IWallClock? clock = null, int graceSeconds = 7 * 24 * 3600)
    {
        GatewayHost host = await GatewayHost.StartAsync(Options(graceSeconds), clock);
        Hosts.Add(host);
        return host;
    }

    public ProtocolClient Client(GatewayHost host, string terminalId, byte[] key) => new(Http, host.BaseUrl, terminalId, key);

    public async ValueTask DisposeAsync()
    {
        foreach (GatewayHost host in Hosts) await host.DisposeAsync();
        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
