using Gateway.Acquirers.Alipay;

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

    /// <summary>"Development" (the gateway's own wallet, POST /wallet/pay) or "Alipay" (settings in <see cref="Alipay"/>).</summary>
    public string Acquirer { get; set; } = AcquirerDevelopment;

    /// <summary>
    /// The development wallet pays any code it is shown and moves no money: a server with it that listens beyond
    /// loopback refuses to start unless this is set (a trial with real terminals on the shop's Wi-Fi).
    /// </summary>
    public bool AllowDevelopmentWalletOnNetwork { get; set; }

    public const string AcquirerDevelopment = "Development";
    public const string AcquirerAlipay = "Alipay";

    /// <summary>
    /// This merchant's Alipay settings (Gateway:Alipay:PartnerId, PrivateKeyPem, AlipayPublicKeyPem, GatewayUrl,
    /// NotifyUrl, ...). The two keys are PEM text or the path of a PEM file; they are never logged. An empty
    /// NotifyUrl means this server's own /alipay/notify on its bound address (loopback runs only).
    /// </summary>
    public AlipayOptions Alipay { get; set; } = new AlipayOptions();

    /// <summary>The subject Alipay shows the tourist.</summary>
    public string OrderSubject { get; set; } = "Counter sale";

    /// <summary>How often orders not yet agreed with Alipay are queried or closed; 0: only when a test calls it.</summary>
    public int ReconcileIntervalMs { get; set; } = 3000;

    /// <summary>A PENDING order is first queried this long after its create (Alipay's in-store guidance: about 5 s).</summary>
    public int ReconcileAfterSeconds { get; set; } = 5;

    public bool UsesAlipay => string.Equals(Acquirer, AcquirerAlipay, StringComparison.OrdinalIgnoreCase);

    /// <summary>Settings that cannot work or are unsafe, in words a merchant can act on; null when they are fine.</summary>
    public string? Problem()
    {
        if (!UsesAlipay && !string.Equals(Acquirer, AcquirerDevelopment, StringComparison.OrdinalIgnoreCase))
            return "Gateway:Acquirer must be Development or Alipay";
        if (!UsesAlipay && !AllowDevelopmentWalletOnNetwork && !ListensOnLoopbackOnly())
            return "Gateway:Acquirer is Development (the gateway's own test wallet: codes are paid by anyone who asks and no money "
                + "moves) and Gateway:Urls (" + Urls + ") listens beyond this machine. Set Gateway:Acquirer=Alipay with its "
                + "Gateway:Alipay settings, or Gateway:AllowDevelopmentWalletOnNetwork=true for a trial without money.";
        return null;
    }

    private bool ListensOnLoopbackOnly()
    {
        foreach (string url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out Uri? uri)) return false;
            bool loopback = uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && System.Net.IPAddress.IsLoopback(address));
            if (!loopback) return false;
        }
        return true;
    }

    public string ResolvedSqlitePath => SqlitePath ?? Path.Combine(DataDirectory, "gateway.db");

    public string ResolvedKeyRingDirectory => KeyRingDirectory ?? Path.Combine(DataDirectory, "keys");

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
