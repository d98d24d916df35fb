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
    /// <summary>
    /// Creates the order, or answers the existing one with the same terminal, amount and currency; a tombstone
    /// without an amount takes this create's amount and currency and stays CANCELLED (never a payable code).
    /// </summary>
    Task<OrderOutcome> CreateOrderAsync(string terminalId, string orderId, long amountMinor, string currency,
        string code, long nowUnix, long expiresAtUnix, string acquirer = OrderAcquirers.Development);
    /// <summary>This terminal's order as of now, or null.</summary>
    Task<StoredOrder?> GetOrderAsync(string terminalId, string orderId, long nowUnix);
    /// <summary>
    /// Cancels a pending order of this terminal; an id never seen is recorded CANCELLED with no code (closed for
    /// good: a tombstone). The id is all it needs: <paramref name="currency"/> null means amount and currency were
    /// not given (the tombstone then has amount 0 and currency '' until a create names them); when given they must
    /// match the order (a conflict otherwise).
    /// </summary>
    Task<OrderOutcome> CancelOrderAsync(string terminalId, string orderId, long amountMinor, string? currency, long nowUnix);
    /// <summary>The development wallet pays a code: PENDING and unexpired becomes PAID exactly once (development orders only).</summary>
    Task<(PaymentResult Result, StoredOrder? Order)> PayAsync(string code, long nowUnix);
    /// <summary>
    /// The acquirer says it is paid: PENDING and unexpired becomes PAID exactly once (settled with the acquirer); null
    /// otherwise. Past its expiry an order is EXPIRED as the terminal was told, swept or not: a late payment is reversed.
    /// </summary>
    Task<StoredOrder?> MarkPaidAsync(string orderId, long nowUnix, string acquirerNote);
    /// <summary>Records which acquirer holds the order and whether it still has to be settled with it.</summary>
    Task SetAcquirerStateAsync(string orderId, string acquirer, bool open, string? note);
    /// <summary>Orders not yet settled with their acquirer, created at or before the given time, oldest first.</summary>
    Task<IReadOnlyList<StoredOrder>> OrdersToReconcileAsync(long createdAtOrBeforeUnix, int max);
    Task<IReadOnlyList<string>> OpenOrderIdsAsync(string terminalId, int max, long nowUnix);
    /// <summary>Marks every PENDING order past its expiry EXPIRED; returns their ids.</summary>
    Task<IReadOnlyList<string>> ExpireDueAsync(long nowUnix);

    /// <summary>
    /// Holds one order against every other change driven by its acquirer (cancel, notification, reconciliation)
    /// until the answer is disposed, across every server instance sharing this database: in-process on SQLite
    /// (one process owns the file), plus a PostgreSQL advisory lock on PostgreSQL. The order need not exist yet.
    /// </summary>
    Task<IAsyncDisposable> LockOrderAsync(string orderId, CancellationToken ct = default);

    // ---- refunds (docs/gateway-protocol.md 6) ----
    /// <summary>
    /// Records a refund of a PAID order in one transaction that holds the order: a refund id is recorded once
    /// (the same id again answers that refund), and the refunds made or pending never exceed the paid amount.
    /// <paramref name="terminalId"/> null: any terminal's order (the merchant's page).
    /// </summary>
    Task<RefundRequestOutcome> RequestRefundAsync(string? terminalId, string orderId, string refundId, long amountMinor, string currency,
        string operatorName, string reason, long nowUnix);
    /// <summary>REFUND_PENDING becomes REFUNDED or REFUND_REFUSED exactly once; the refund as it is after.</summary>
    Task<StoredRefund?> SettleRefundAsync(string refundId, string status, string? detail, long nowUnix);
    /// <summary>Refunds of one order (or all when null), newest first.</summary>
    Task<IReadOnlyList<StoredRefund>> ListRefundsAsync(string? orderId, int limit);
    /// <summary>
    /// This terminal's last PAID orders, newest payment first, each with its refunds made or pending (refused ones do
    /// not count): what the terminal's manager chooses a refund from (docs/gateway-protocol.md 6.3).
    /// </summary>
    Task<IReadOnlyList<PaidSale>> RecentPaidOrdersAsync(string terminalId, int max);
    /// <summary>Refunds still waiting for the acquirer's answer, oldest first.</summary>
    Task<IReadOnlyList<StoredRefund>> PendingRefundsAsync(int max);

    // ---- the merchant's view ----
    /// <summary>Any terminal's order by id (tests, the page), as stored.</summary>
    Task<StoredOrder?> FindOrderAsync(string orderId);
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<StoredOrder>> ListOrdersAsync(OrderFilter filter);
    Task<string?> GetSettingAsync(string name);
    Task SetSettingAsync(string name, string value);
}
