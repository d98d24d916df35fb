namespace Gateway.Server.Storage;

/// <summary>
/// The gateway's storage: terminals, nonces, orders, settings. Every state change is one conditional
/// statement the database executes atomically (unique keys, INSERT .. ON CONFLICT, UPDATE .. WHERE status =
/// 'PENDING'), so two requests or two server instances can never both win a transition. Implementations:
/// <see cref="SqliteGatewayStore"/> (embedded default) and <see cref="PostgresGatewayStore"/> (many instances);
/// both pass Terminal.Tests/GatewayServer/StoreContractTests. Each change of an order's status is reported to
/// the callback given at construction (and, on PostgreSQL, to every instance through NOTIFY).
/// </summary>
public interface IGatewayStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema; safe to call from several instances at once.</summary>
    Task MigrateAsync(CancellationToken ct = default);

    // ---- terminals ----
    /// <summary>False when the id is taken.</summary>
    Task<bool> AddTerminalAsync(StoredTerminal terminal);
    Task<StoredTerminal?> FindTerminalAsync(string terminalId);
    Task<IReadOnlyList<StoredTerminal>> ListTerminalsAsync();
    /// <summary>Replaces the key; the one it replaces stays valid until previousValidUntilUnix. False if unknown.</summary>
    Task<bool> RotateKeyAsync(string terminalId, string newProtectedKey, long previousValidUntilUnix);
    Task<bool> SetDisabledAsync(string terminalId, bool disabled);
    /// <summary>Notes an authenticated request (at most one write per terminal and second); firmware when reported.</summary>
    Task RecordContactAsync(string terminalId, long nowUnix, string? firmwareVersion);

    // ---- replay protection ----
    /// <summary>True the first time this terminal's nonce is seen; false for a replay.</summary>
    Task<bool> RememberNonceAsync(string terminalId, string nonce, long nowUnix);
    Task ForgetNoncesBeforeAsync(long unixSeconds);

    // ---- orders ----
    /// <summary>Creates the order, or answers the existing one with the same terminal, amount and currency.</summary>
    Task<OrderOutcome> CreateOrderAsync(string terminalId, string orderId, long amountMinor, string currency,
        string code, long nowUnix, long expiresAtUnix);
    /// <summary>This terminal's order as of now, or null.</summary>
    Task<StoredOrder?> GetOrderAsync(string terminalId, string orderId, long nowUnix);
    /// <summary>Cancels a pending order; an id never seen is recorded CANCELLED with no code (closed for good).</summary>
    Task<OrderOutcome> CancelOrderAsync(string terminalId, string orderId, long amountMinor, string currency, long nowUnix);
    /// <summary>The wallet pays a code: PENDING and unexpired becomes PAID exactly once.</summary>
    Task<(PaymentResult Result, StoredOrder? Order)> PayAsync(string code, long nowUnix);
    Task<IReadOnlyList<string>> OpenOrderIdsAsync(string terminalId, int max, long nowUnix);
    /// <summary>Marks every PENDING order past its expiry EXPIRED; returns their ids.</summary>
    Task<IReadOnlyList<string>> ExpireDueAsync(long nowUnix);

    // ---- the merchant's view ----
    /// <summary>Any terminal's order by id (tests, the page), as stored.</summary>
    Task<StoredOrder?> FindOrderAsync(string orderId);
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<StoredOrder>> ListOrdersAsync(OrderFilter filter);
    Task<string?> GetSettingAsync(string name);
    Task SetSettingAsync(string name, string value);
}
