namespace Gateway.Server;

/// <summary>
/// The server's configuration, section "Gateway" (appsettings.json, environment GATEWAY__..., or the command
/// line, e.g. <c>--Gateway:PostgresConnectionString="Host=..."</c>). README lists them.
/// </summary>
public sealed class GatewayServerOptions
{
    public const string Section = "Gateway";

    /// <summary>Where Kestrel listens. Loopback by default: put TLS termination in front for the field.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5090";

    /// <summary>The SQLite file, the Data Protection key ring (unless set below) live here.</summary>
    public string DataDirectory { get; set; } = "gateway-data";

    /// <summary>The SQLite file; default &lt;DataDirectory&gt;/gateway.db. Ignored when PostgreSQL is configured.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>Npgsql connection string; when set, PostgreSQL holds everything (several instances may share it).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// Folder of the Data Protection key ring that encrypts terminal keys at rest; default
    /// &lt;DataDirectory&gt;/keys. Instances sharing a PostgreSQL database must share this folder too.
    /// </summary>
    public string? KeyRingDirectory { get; set; }

    /// <summary>The gateway address written into provisioning files (terminal.cfg gateway.url).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How far a request's timestamp may be from the server's clock; nonces are kept twice as long.</summary>
    public int ReplayWindowSeconds { get; set; } = 300;

    /// <summary>After a key rotation the previous key is still accepted this long (docs/gateway-protocol.md 2.1).</summary>
    public int KeyRotationGraceSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>How often PENDING orders past their expiry are marked EXPIRED (their long polls wake).</summary>
    public int ExpirySweepMs { get; set; } = 1000;

    public string ResolvedSqlitePath => SqlitePath ?? Path.Combine(DataDirectory, "gateway.db");

    public string ResolvedKeyRingDirectory => KeyRingDirectory ?? Path.Combine(DataDirectory, "keys");

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
