using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// A real PostgreSQL server for the tests (Debian's package: PostgreSQL refuses to run as root, so under root
/// it runs as the package's `postgres` user through runuser). One throw-away cluster per test run on a free
/// loopback port, in a temporary folder, stopped when the test process exits; each test gets its own database.
/// Never a mock: .ci/run installs the package when it is missing.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> SharedCluster = new(() => new PostgresCluster());
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _databases;

    public static PostgresCluster Shared => SharedCluster.Value;

    public int Port { get; }

    private PostgresCluster()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is needed for the gateway's storage tests: apt-get install -y postgresql (.ci/run installs it)");
        _asPostgresUser = Environment.UserName == "root";
        RemoveStoppedClusters();
        _folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);
        if (_asPostgresUser) Run("chown", "postgres:", _folder);
        Port = FreePort();
        string data = Path.Combine(_folder, "data");
        RunPg("initdb", "-D", data, "-U", "gateway", "-A", "trust", "-E", "UTF8", "--no-sync");
        // fsync off: the tests kill gateway processes, never this server; durability of PostgreSQL itself is not under test.
        RunPg("pg_ctl", "-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=400", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(data);
    }

    /// <summary>A fresh, empty database; its connection string.</summary>
    public string NewDatabase()
    {
        string name = "gw_" + Interlocked.Increment(ref _databases) + "_" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            admin.Open();
            using var create = new NpgsqlCommand("CREATE DATABASE " + name, admin);
            create.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=gateway;Database={database};Pooling=true;Maximum Pool Size=40";

    private void Stop(string data)
    {
        try
        {
            RunPg("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop");
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
        }
    }

    private const string FolderPrefix = "gw-pg-";

    /// <summary>
    /// Deletes the folders of earlier runs' clusters that no longer run (no postmaster.pid): the test host may
    /// be ended before its exit handler has deleted its own. A running one (another test run) is left alone.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        foreach (string folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid"))) continue;
            try { Directory.Delete(folder, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private static string? FindBinaries()
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            string? newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out int v) ? v : 0)
                .FirstOrDefault();
            if (newest != null) return newest;
        }
        return File.Exists("/usr/local/bin/initdb") ? "/usr/local/bin" : null;
    }

    private void RunPg(string tool, params string[] args)
    {
        string path = Path.Combine(_bin, tool);
        if (_asPostgresUser) Run("runuser", new[] { "-u", "postgres", "--", path }.Concat(args).ToArray());
        else Run(path, args);
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
