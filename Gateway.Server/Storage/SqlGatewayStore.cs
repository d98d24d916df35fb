using System.Data;
using System.Data.Common;

namespace Gateway.Server.Storage;

/// <summary>
/// The SQL both databases share (SQLite 3.35+ and PostgreSQL both have INSERT .. ON CONFLICT and RETURNING).
/// Each state change is a single statement whose WHERE clause states the transition it makes, so the
/// database decides races: of two payments of one code exactly one UPDATE finds the order PENDING. The
/// subclasses supply connections, the schema and the migration lock.
/// </summary>
public abstract class SqlGatewayStore : IGatewayStore
{
    private const string OrderColumns =
        "seq, order_id, terminal_id, amount_minor, currency, status, code, created_at, expires_at, paid_at, " +
        "create_requests, cancel_requests, payments, acquirer, acquirer_open, acquirer_note";
    private const string TerminalColumns =
        "terminal_id, protected_key, previous_protected_key, previous_key_until, disabled, created_at, " +
        "last_contact_at, firmware_version";

    private readonly Action<string> _onOrderChanged;

    protected SqlGatewayStore(Action<string> onOrderChanged)
    {
        _onOrderChanged = onOrderChanged;
    }

    /// <summary>An open connection from the pool.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken ct = default);

    /// <summary>The schema, one script per version (index 0 = version 1). Never edit a shipped one: append.</summary>
    protected abstract string[] Migrations { get; }

    /// <summary>Makes concurrent migrations by several instances wait for each other (inside the transaction).</summary>
    protected abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct);

    /// <summary>Runs a statement that writes (SQLite serialises writers of one process here).</summary>
    protected virtual async Task<T> WriteAsync<T>(Func<Task<T>> write) => await write().ConfigureAwait(false);

    public abstract ValueTask DisposeAsync();

    public abstract Task<IAsyncDisposable> LockOrderAsync(string orderId, CancellationToken ct = default);

    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using DbConnection connection = await OpenAsync(ct).ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await LockForMigrationAsync(connection, transaction, ct).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)").ConfigureAwait(false);
        object? current = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version").ConfigureAwait(false);
        int version = Convert.ToInt32(current, System.Globalization.CultureInfo.InvariantCulture);
        if (version > Migrations.Length)
            throw new InvalidOperationException($"the database has schema version {version}, newer than this server ({Migrations.Length})");
        for (int next = version + 1; next <= Migrations.Length; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next - 1]).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "INSERT INTO schema_version (version) VALUES (@v)", ("@v", next)).ConfigureAwait(false);
        }
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    // ---------------- terminals ----------------

    public Task<bool> AddTerminalAsync(StoredTerminal t) => WriteAsync(async () =>
        await ExecuteAsync(
            "INSERT INTO terminals (" + TerminalColumns + ") VALUES (@id, @key, NULL, NULL, @disabled, @created, NULL, NULL) " +
            "ON CONFLICT (terminal_id) DO NOTHING",
            ("@id", t.TerminalId), ("@key", t.ProtectedKey), ("@disabled", t.Disabled ? 1L : 0L), ("@created", t.CreatedAtUnix)) == 1);

    public async Task<StoredTerminal?> FindTerminalAsync(string terminalId)
    {
        var list = await QueryAsync("SELECT " + TerminalColumns + " FROM terminals WHERE terminal_id = @id", ReadTerminal, ("@id", terminalId));
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<StoredTerminal>> ListTerminalsAsync() =>
        QueryAsync("SELECT " + TerminalColumns + " FROM terminals ORDER BY terminal_id", ReadTerminal);

    public Task<bool> RotateKeyAsync(string terminalId, string newProtectedKey, long previousValidUntilUnix) => WriteAsync(async () =>
        // The right-hand sides read the row as it was, so the old key moves to previous in the same statement.
        await ExecuteAsync(
            "UPDATE terminals SET previous_protected_key = protected_key, previous_key_until = @until, protected_key = @key " +
            "WHERE terminal_id = @id",
            ("@id", terminalId), ("@key", newProtectedKey), ("@until", previousValidUntilUnix)) == 1);

    public Task<bool> SetDisabledAsync(string terminalId, bool disabled) => WriteAsync(async () =>
        await ExecuteAsync("UPDATE terminals SET disabled = @disabled WHERE terminal_id = @id",
            ("@id", terminalId), ("@disabled", disabled ? 1L : 0L)) == 1);

    public Task RecordContactAsync(string terminalId, long nowUnix, string? firmwareVersion) => WriteAsync(async () =>
        await ExecuteAsync(
            "UPDATE terminals SET last_contact_at = @now, firmware_version = COALESCE(@fw, firmware_version) " +
            "WHERE terminal_id = @id AND (last_contact_at IS NULL OR last_contact_at < @now OR @fw IS NOT NULL)",
            ("@id", terminalId), ("@now", nowUnix), ("@fw", firmwareVersion)));

    // ---------------- nonces ----------------

    public Task<bool> RememberNonceAsync(string terminalId, string nonce, long nowUnix) => WriteAsync(async () =>
        await ExecuteAsync("INSERT INTO nonces (terminal_id, nonce, seen_at) VALUES (@id, @nonce, @now) ON CONFLICT DO NOTHING",
            ("@id", terminalId), ("@nonce", nonce), ("@now", nowUnix)) == 1);

    public Task ForgetNoncesBeforeAsync(long unixSeconds) => WriteAsync(async () =>
        await ExecuteAsync("DELETE FROM nonces WHERE seen_at < @before", ("@before", unixSeconds)));

    // ---------------- orders ----------------

    public async Task<OrderOutcome> CreateOrderAsync(string terminalId, string orderId, long amountMinor, string currency,
        string code, long nowUnix, long expiresAtUnix, string acquirer = OrderAcquirers.Development)
    {
        // An order at an outside acquirer starts open: its trade there may be paid until the acquirer says otherwise.
        StoredOrder? created = await WriteAsync(() => QuerySingleAsync(
            "INSERT INTO orders (order_id, terminal_id, amount_minor, currency, status, code, created_at, expires_at, paid_at, " +
            "create_requests, cancel_requests, payments, acquirer, acquirer_open) " +
            "VALUES (@id, @terminal, @amount, @currency, 'PENDING', @code, @now, @expires, NULL, 1, 0, 0, @acquirer, @open) " +
            "ON CONFLICT (order_id) DO NOTHING RETURNING " + OrderColumns,
            ("@id", orderId), ("@terminal", terminalId), ("@amount", amountMinor), ("@currency", currency),
            ("@code", code), ("@now", nowUnix), ("@expires", expiresAtUnix), ("@acquirer", acquirer),
            ("@open", acquirer == OrderAcquirers.Development ? 0L : 1L)));
        if (created != null) return OrderOutcome.Of(created, nowUnix);
        // The id exists: the same order again (a retry) only if terminal, amount and currency match - or a
        // tombstone without an amount (closed by an id-only cancel), which takes them and stays CANCELLED.
        // The right-hand sides read the row as it was.
        StoredOrder? again = await WriteAsync(() => QuerySingleAsync(
            "UPDATE orders SET create_requests = create_requests + 1, " +
            "amount_minor = CASE WHEN amount_minor = 0 THEN @amount ELSE amount_minor END, " +
            "currency = CASE WHEN amount_minor = 0 THEN @currency ELSE currency END " +
            "WHERE order_id = @id AND terminal_id = @terminal " +
            "AND ((amount_minor = @amount AND currency = @currency) OR amount_minor = 0) " +
            "RETURNING " + OrderColumns,
            ("@id", orderId), ("@terminal", terminalId), ("@amount", amountMinor), ("@currency", currency)));
        return again == null ? OrderOutcome.Conflicting : OrderOutcome.Of(again, nowUnix);
    }

    public async Task<StoredOrder?> GetOrderAsync(string terminalId, string orderId, long nowUnix)
    {
        StoredOrder? order = await QuerySingleAsync("SELECT " + OrderColumns + " FROM orders WHERE order_id = @id AND terminal_id = @terminal",
            ("@id", orderId), ("@terminal", terminalId));
        return order?.AsOf(nowUnix);
    }

    public async Task<OrderOutcome> CancelOrderAsync(string terminalId, string orderId, long amountMinor, string? currency, long nowUnix)
    {
        long given = currency == null ? 0L : 1L;
        if (currency == null) amountMinor = 0;
        // An id never seen is closed for good: a late create for it then answers CANCELLED without a code.
        StoredOrder? closed = await WriteAsync(() => QuerySingleAsync(
            "INSERT INTO orders (order_id, terminal_id, amount_minor, currency, status, code, created_at, expires_at, paid_at, " +
            "create_requests, cancel_requests, payments) " +
            "VALUES (@id, @terminal, @amount, @currency, 'CANCELLED', NULL, @now, @now, NULL, 0, 1, 0) " +
            "ON CONFLICT (order_id) DO NOTHING RETURNING " + OrderColumns,
            ("@id", orderId), ("@terminal", terminalId), ("@amount", amountMinor), ("@currency", currency ?? ""), ("@now", nowUnix)));
        if (closed != null) return OrderOutcome.Of(closed, nowUnix);
        StoredOrder? order = await WriteAsync(() => QuerySingleAsync(
            "UPDATE orders SET cancel_requests = cancel_requests + 1, status = CASE " +
            "WHEN status = 'PENDING' AND expires_at > @now THEN 'CANCELLED' " +
            "WHEN status = 'PENDING' THEN 'EXPIRED' ELSE status END " +
            "WHERE order_id = @id AND terminal_id = @terminal " +
            "AND (@given = 0 OR (amount_minor = @amount AND currency = @currency)) " +
            "RETURNING " + OrderColumns,
            ("@id", orderId), ("@terminal", terminalId), ("@amount", amountMinor), ("@currency", currency ?? ""), ("@now", nowUnix),
            ("@given", given)));
        if (order == null) return OrderOutcome.Conflicting;
        _onOrderChanged(orderId);
        return OrderOutcome.Of(order, nowUnix);
    }

    public async Task<(PaymentResult Result, StoredOrder? Order)> PayAsync(string code, long nowUnix)
    {
        // Only the development acquirer's codes: an Alipay order is paid at Alipay, never by this endpoint.
        StoredOrder? paid = await WriteAsync(() => QuerySingleAsync(
            "UPDATE orders SET status = 'PAID', paid_at = @now, payments = payments + 1 " +
            "WHERE code = @code AND acquirer = 'development' AND status = 'PENDING' AND expires_at > @now RETURNING " + OrderColumns,
            ("@code", code), ("@now", nowUnix)));
        if (paid != null)
        {
            _onOrderChanged(paid.OrderId);
            return (PaymentResult.Paid, paid);
        }
        StoredOrder? order = await QuerySingleAsync("SELECT " + OrderColumns + " FROM orders WHERE code = @code AND acquirer = 'development'",
            ("@code", code));
        if (order == null) return (PaymentResult.UnknownCode, null);
        return order.AsOf(nowUnix).Status switch
        {
            OrderStatus.Paid => (PaymentResult.AlreadyPaid, order),
            OrderStatus.Cancelled => (PaymentResult.Cancelled, order),
            // PENDING here would mean it expired between the two statements: the UPDATE's clock said so.
            _ => (PaymentResult.Expired, order),
        };
    }

    public async Task<StoredOrder?> MarkPaidAsync(string orderId, long nowUnix, string acquirerNote)
    {
        StoredOrder? paid = await WriteAsync(() => QuerySingleAsync(
            "UPDATE orders SET status = 'PAID', paid_at = @now, payments = payments + 1, acquirer_open = 0, acquirer_note = @note " +
            "WHERE order_id = @id AND status = 'PENDING' AND expires_at > @now RETURNING " + OrderColumns,
            ("@id", orderId), ("@now", nowUnix), ("@note", acquirerNote)));
        if (paid != null) _onOrderChanged(orderId);
        return paid;
    }

    public Task SetAcquirerStateAsync(string orderId, string acquirer, bool open, string? note) => WriteAsync(async () =>
        await ExecuteAsync("UPDATE orders SET acquirer = @acquirer, acquirer_open = @open, acquirer_note = COALESCE(@note, acquirer_note) " +
                           "WHERE order_id = @id",
            ("@id", orderId), ("@acquirer", acquirer), ("@open", open ? 1L : 0L), ("@note", note)));

    public Task<IReadOnlyList<StoredOrder>> OrdersToReconcileAsync(long createdAtOrBeforeUnix, int max) =>
        QueryAsync("SELECT " + OrderColumns + " FROM orders WHERE acquirer_open = 1 AND created_at <= @before ORDER BY seq LIMIT @max",
            ReadOrder, ("@before", createdAtOrBeforeUnix), ("@max", (long)max));

    public Task<IReadOnlyList<string>> OpenOrderIdsAsync(string terminalId, int max, long nowUnix) =>
        QueryAsync("SELECT order_id FROM orders WHERE terminal_id = @terminal AND status = 'PENDING' AND expires_at > @now " +
                   "ORDER BY seq DESC LIMIT @max",
            r => r.GetString(0), ("@terminal", terminalId), ("@now", nowUnix), ("@max", (long)max));

    public async Task<IReadOnlyList<string>> ExpireDueAsync(long nowUnix)
    {
        IReadOnlyList<string> expired = await WriteAsync(() => QueryAsync(
            "UPDATE orders SET status = 'EXPIRED' WHERE status = 'PENDING' AND expires_at <= @now RETURNING order_id",
            r => r.GetString(0), ("@now", nowUnix)));
        foreach (string id in expired) _onOrderChanged(id);
        return expired;
    }

    // ---------------- refunds ----------------

    private const string RefundColumns =
        "seq, refund_id, order_id, amount_minor, currency, status, operator, reason, requested_at, settled_at, detail";

    /// <summary>Inside the refund's transaction: makes concurrent refunds of this order wait for each other.</summary>
    protected abstract Task LockOrderForRefundAsync(DbConnection connection, DbTransaction transaction, string orderId);

    public Task<RefundRequestOutcome> RequestRefundAsync(string? terminalId, string orderId, string refundId, long amountMinor, string currency,
        string operatorName, string reason, long nowUnix) => WriteAsync(async () =>
    {
        await using DbConnection connection = await OpenAsync().ConfigureAwait(false);
        await using DbTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await LockOrderForRefundAsync(connection, transaction, orderId).ConfigureAwait(false);
        var orders = await QueryAsync(connection, transaction, "SELECT " + OrderColumns + " FROM orders WHERE order_id = @id", ReadOrder, ("@id", orderId));
        StoredOrder? order = orders.Count == 0 || (terminalId != null && orders[0].TerminalId != terminalId) ? null : orders[0];
        long refunded = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE order_id = @id AND status <> 'REFUND_REFUSED'", ("@id", orderId)),
            System.Globalization.CultureInfo.InvariantCulture);
        var earlier = await QueryAsync(connection, transaction, "SELECT " + RefundColumns + " FROM refunds WHERE refund_id = @rid", ReadRefund, ("@rid", refundId));
        long paid = order?.Status == OrderStatus.Paid ? order.AmountMinor : 0;
        RefundRequestOutcome outcome;
        if (earlier.Count > 0)
        {
            StoredRefund e = earlier[0];
            bool same = e.OrderId == orderId && e.AmountMinor == amountMinor && e.Currency == currency && order != null;
            outcome = new(same ? RefundRequestResult.Existing : RefundRequestResult.Conflict, same ? e : null, paid, refunded);
        }
        else if (order == null) outcome = new(RefundRequestResult.UnknownOrder, null, 0, 0);
        else if (order.Status != OrderStatus.Paid) outcome = new(RefundRequestResult.NotPaid, null, 0, refunded);
        else if (currency != order.Currency) outcome = new(RefundRequestResult.Conflict, null, paid, refunded);
        else if (refunded + amountMinor > order.AmountMinor) outcome = new(RefundRequestResult.ExceedsPaid, null, paid, refunded);
        else
        {
            var inserted = await QueryAsync(connection, transaction,
                "INSERT INTO refunds (refund_id, order_id, amount_minor, currency, status, operator, reason, requested_at, settled_at, detail) " +
                "VALUES (@rid, @id, @amount, @currency, 'REFUND_PENDING', @operator, @reason, @now, NULL, NULL) RETURNING " + RefundColumns,
                ReadRefund, ("@rid", refundId), ("@id", orderId), ("@amount", amountMinor), ("@currency", currency),
                ("@operator", operatorName), ("@reason", reason), ("@now", nowUnix));
            outcome = new(RefundRequestResult.Recorded, inserted[0], paid, refunded + amountMinor);
        }
        await transaction.CommitAsync().ConfigureAwait(false);
        return outcome;
    });

    public async Task<StoredRefund?> SettleRefundAsync(string refundId, string status, string? detail, long nowUnix)
    {
        await WriteAsync(async () => await ExecuteAsync(
            "UPDATE refunds SET status = @status, settled_at = @now, detail = @detail WHERE refund_id = @rid AND status = 'REFUND_PENDING'",
            ("@rid", refundId), ("@status", status), ("@now", nowUnix), ("@detail", detail)));
        var rows = await QueryAsync("SELECT " + RefundColumns + " FROM refunds WHERE refund_id = @rid", ReadRefund, ("@rid", refundId));
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<IReadOnlyList<StoredRefund>> ListRefundsAsync(string? orderId, int limit) =>
        orderId == null
            ? QueryAsync("SELECT " + RefundColumns + " FROM refunds ORDER BY seq DESC LIMIT @limit", ReadRefund, ("@limit", (long)limit))
            : QueryAsync("SELECT " + RefundColumns + " FROM refunds WHERE order_id = @id ORDER BY seq DESC LIMIT @limit", ReadRefund,
                ("@id", orderId), ("@limit", (long)limit));

    public Task<IReadOnlyList<StoredRefund>> PendingRefundsAsync(int max) =>
        QueryAsync("SELECT " + RefundColumns + " FROM refunds WHERE status = 'REFUND_PENDING' ORDER BY seq LIMIT @max", ReadRefund, ("@max", (long)max));

    public Task<IReadOnlyList<PaidSale>> RecentPaidOrdersAsync(string terminalId, int max) =>
        QueryAsync("SELECT " + OrderColumns + ", (SELECT COALESCE(SUM(r.amount_minor), 0) FROM refunds r " +
                   "WHERE r.order_id = orders.order_id AND r.status <> 'REFUND_REFUSED') FROM orders " +
                   "WHERE terminal_id = @terminal AND status = 'PAID' ORDER BY paid_at DESC, seq DESC LIMIT @max",
            r => new PaidSale(ReadOrder(r), Convert.ToInt64(r.GetValue(16), System.Globalization.CultureInfo.InvariantCulture)),
            ("@terminal", terminalId), ("@max", (long)max));

    private static StoredRefund ReadRefund(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
        r.GetInt64(8), r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10));

    // ---------------- the merchant's view ----------------

    public Task<StoredOrder?> FindOrderAsync(string orderId) =>
        QuerySingleAsync("SELECT " + OrderColumns + " FROM orders WHERE order_id = @id", ("@id", orderId));

    public Task<IReadOnlyList<StoredOrder>> ListOrdersAsync(OrderFilter filter)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("@limit", (long)filter.Limit) };
        if (filter.TerminalId != null)
        {
            where.Add("terminal_id = @terminal");
            parameters.Add(("@terminal", filter.TerminalId));
        }
        if (filter.Day is DateOnly day)
        {
            long from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds();
            where.Add("created_at >= @from AND created_at < @to");
            parameters.Add(("@from", from));
            parameters.Add(("@to", from + 86400));
        }
        string sql = "SELECT " + OrderColumns + " FROM orders" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                     " ORDER BY seq DESC LIMIT @limit";
        return QueryAsync(sql, ReadOrder, parameters.ToArray());
    }

    public async Task<string?> GetSettingAsync(string name)
    {
        var values = await QueryAsync("SELECT value FROM settings WHERE name = @name", r => r.GetString(0), ("@name", name));
        return values.Count == 0 ? null : values[0];
    }

    public Task SetSettingAsync(string name, string value) => WriteAsync(async () =>
        await ExecuteAsync("INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            ("@name", name), ("@value", value)));

    // ---------------- plumbing ----------------

    private static StoredOrder ReadOrder(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5),
        r.IsDBNull(6) ? "" : r.GetString(6), r.GetInt64(7), r.GetInt64(8), r.IsDBNull(9) ? null : r.GetInt64(9),
        (int)r.GetInt64(10), (int)r.GetInt64(11), (int)r.GetInt64(12), r.GetString(13), r.GetInt64(14) != 0,
        r.IsDBNull(15) ? null : r.GetString(15));

    private static StoredTerminal ReadTerminal(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt64(3),
        r.GetInt64(4) != 0, r.GetInt64(5), r.IsDBNull(6) ? null : r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7));

    private async Task<StoredOrder?> QuerySingleAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var rows = await QueryAsync(sql, ReadOrder, parameters).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await OpenAsync().ConfigureAwait(false);
        return await QueryAsync(connection, null, sql, read, parameters).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql,
        Func<DbDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        await using DbDataReader reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync().ConfigureAwait(false)) rows.Add(read(reader));
        return rows;
    }

    private async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using DbConnection connection = await OpenAsync().ConfigureAwait(false);
        return await ExecuteAsync(connection, null, sql, parameters).ConfigureAwait(false);
    }

    protected static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql,
        params (string Name, object? Value)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter p = command.CreateParameter();
            p.ParameterName = name;
            // A typed null: PostgreSQL must know the type of "@fw IS NOT NULL".
            p.DbType = value is long or int ? DbType.Int64 : DbType.String;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
