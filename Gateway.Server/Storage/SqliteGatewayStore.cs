using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Gateway.Server.Storage;

/// <summary>
/// The embedded default: one SQLite file (WAL, synchronous FULL: a commit is on disk before the answer goes
/// out, so a killed process or a power cut loses no order a terminal was told about). One process owns the
/// file; its writers take turns through a semaphore instead of SQLite's busy-retry sleeps.
/// </summary>
public sealed class SqliteGatewayStore : SqlGatewayStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly OrderLocks _orderLocks;

    /// <summary>The order locks of each database file in this process: every store opened on one file shares them.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, OrderLocks> OrderLocksByFile = new(StringComparer.Ordinal);

    public SqliteGatewayStore(string path, Action<string> onOrderChanged) : base(onOrderChanged)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null) Directory.CreateDirectory(folder);
        _orderLocks = OrderLocksByFile.GetOrAdd(Path.GetFullPath(path), _ => new OrderLocks());
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30, // seconds a statement waits for a lock another process holds (the terminals command)
        }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode = WAL;";
        wal.ExecuteNonQuery();
    }

    public string ConnectionString => _connectionString;

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return connection;
    }

    protected override async Task<T> WriteAsync<T>(Func<Task<T>> write)
    {
        await _writer.WaitAsync().ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writer.Release();
        }
    }

    // Microsoft.Data.Sqlite's transactions are BEGIN IMMEDIATE: the write lock is taken at once.
    protected override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) => Task.CompletedTask;

    // BEGIN IMMEDIATE and the writer semaphore already make refund transactions take turns.
    protected override Task LockOrderForRefundAsync(DbConnection connection, DbTransaction transaction, string orderId) => Task.CompletedTask;

    // One process owns the file (see the class summary), so the process's locks are the database's.
    public override Task<IAsyncDisposable> LockOrderAsync(string orderId, CancellationToken ct = default) => _orderLocks.EnterAsync(orderId, ct);

    public override ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    protected override string[] Migrations { get; } =
    {
        // 1: terminals, nonces, orders, settings. Final statuses are final: the trigger refuses to leave them.
        """
        CREATE TABLE terminals (
            terminal_id TEXT PRIMARY KEY,
            protected_key TEXT NOT NULL,
            previous_protected_key TEXT,
            previous_key_until INTEGER,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            last_contact_at INTEGER,
            firmware_version TEXT);
        CREATE TABLE nonces (
            terminal_id TEXT NOT NULL,
            nonce TEXT NOT NULL,
            seen_at INTEGER NOT NULL,
            PRIMARY KEY (terminal_id, nonce));
        CREATE INDEX nonces_seen_at ON nonces (seen_at);
        CREATE TABLE orders (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL UNIQUE,
            terminal_id TEXT NOT NULL,
            amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
            currency TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('PENDING', 'PAID', 'CANCELLED', 'EXPIRED')),
            code TEXT UNIQUE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            paid_at INTEGER,
            create_requests INTEGER NOT NULL,
            cancel_requests INTEGER NOT NULL,
            payments INTEGER NOT NULL CHECK (payments IN (0, 1) AND (payments = 1) = (status = 'PAID')));
        CREATE INDEX orders_pending_expiry ON orders (expires_at) WHERE status = 'PENDING';
        CREATE INDEX orders_terminal ON orders (terminal_id, seq);
        CREATE INDEX orders_created ON orders (created_at);
        CREATE TRIGGER orders_final_status BEFORE UPDATE OF status ON orders
            WHEN OLD.status <> 'PENDING' AND NEW.status <> OLD.status
            BEGIN SELECT RAISE(ABORT, 'an order never leaves a final status'); END;
        CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        """,
        // 2: which acquirer holds each order and whether it is settled with it (Alipay, issue 16).
        """
        ALTER TABLE orders ADD COLUMN acquirer TEXT NOT NULL DEFAULT 'development' CHECK (acquirer IN ('development', 'alipay'));
        ALTER TABLE orders ADD COLUMN acquirer_open INTEGER NOT NULL DEFAULT 0 CHECK (acquirer_open IN (0, 1));
        ALTER TABLE orders ADD COLUMN acquirer_note TEXT;
        CREATE INDEX orders_acquirer_open ON orders (seq) WHERE acquirer_open = 1;
        """,
        // 3: refunds (docs/gateway-protocol.md 6). The id is unique; the trigger refuses refunds past the paid amount.
        """
        CREATE TABLE refunds (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            refund_id TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL REFERENCES orders (order_id),
            amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
            currency TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('REFUND_PENDING', 'REFUNDED', 'REFUND_REFUSED')),
            operator TEXT NOT NULL,
            reason TEXT NOT NULL,
            requested_at INTEGER NOT NULL,
            settled_at INTEGER,
            detail TEXT);
        CREATE INDEX refunds_order ON refunds (order_id);
        CREATE INDEX refunds_pending ON refunds (seq) WHERE status = 'REFUND_PENDING';
        CREATE TRIGGER refunds_within_paid BEFORE INSERT ON refunds
            WHEN (SELECT status FROM orders WHERE order_id = NEW.order_id) IS NOT 'PAID'
              OR NEW.currency IS NOT (SELECT currency FROM orders WHERE order_id = NEW.order_id)
              OR NEW.amount_minor + (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds
                                     WHERE order_id = NEW.order_id AND status <> 'REFUND_REFUSED')
                 > (SELECT amount_minor FROM orders WHERE order_id = NEW.order_id)
            BEGIN SELECT RAISE(ABORT, 'a refund never exceeds what was paid'); END;
        CREATE TRIGGER refunds_final_status BEFORE UPDATE OF status ON refunds
            WHEN OLD.status <> 'REFUND_PENDING' AND NEW.status <> OLD.status
            BEGIN SELECT RAISE(ABORT, 'a refund never leaves a final status'); END;
        """,
        // 4: an id closed by a cancel that named only the id (protocol 3.4) is a tombstone without an amount
        // (amount 0, currency ''); a later create gives it one. SQLite changes a CHECK by rebuilding the table; the
        // refunds trigger that reads orders is dropped first and made again, so the rename finds no dangling name.
        """
        DROP TRIGGER refunds_within_paid;
        CREATE TABLE orders_v4 (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            order_id TEXT NOT NULL UNIQUE,
            terminal_id TEXT NOT NULL,
            amount_minor INTEGER NOT NULL CHECK (amount_minor > 0 OR (amount_minor = 0 AND code IS NULL AND status = 'CANCELLED')),
            currency TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('PENDING', 'PAID', 'CANCELLED', 'EXPIRED')),
            code TEXT UNIQUE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            paid_at INTEGER,
            create_requests INTEGER NOT NULL,
            cancel_requests INTEGER NOT NULL,
            payments INTEGER NOT NULL CHECK (payments IN (0, 1) AND (payments = 1) = (status = 'PAID')),
            acquirer TEXT NOT NULL DEFAULT 'development' CHECK (acquirer IN ('development', 'alipay')),
            acquirer_open INTEGER NOT NULL DEFAULT 0 CHECK (acquirer_open IN (0, 1)),
            acquirer_note TEXT);
        INSERT INTO orders_v4 (seq, order_id, terminal_id, amount_minor, currency, status, code, created_at, expires_at,
                               paid_at, create_requests, cancel_requests, payments, acquirer, acquirer_open, acquirer_note)
            SELECT seq, order_id, terminal_id, amount_minor, currency, status, code, created_at, expires_at,
                   paid_at, create_requests, cancel_requests, payments, acquirer, acquirer_open, acquirer_note FROM orders;
        DROP TABLE orders;
        ALTER TABLE orders_v4 RENAME TO orders;
        CREATE INDEX orders_pending_expiry ON orders (expires_at) WHERE status = 'PENDING';
        CREATE INDEX orders_terminal ON orders (terminal_id, seq);
        CREATE INDEX orders_created ON orders (created_at);
        CREATE INDEX orders_acquirer_open ON orders (seq) WHERE acquirer_open = 1;
        CREATE TRIGGER orders_final_status BEFORE UPDATE OF status ON orders
            WHEN OLD.status <> 'PENDING' AND NEW.status <> OLD.status
            BEGIN SELECT RAISE(ABORT, 'an order never leaves a final status'); END;
        CREATE TRIGGER refunds_within_paid BEFORE INSERT ON refunds
            WHEN (SELECT status FROM orders WHERE order_id = NEW.order_id) IS NOT 'PAID'
              OR NEW.currency IS NOT (SELECT currency FROM orders WHERE order_id = NEW.order_id)
              OR NEW.amount_minor + (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds
                                     WHERE order_id = NEW.order_id AND status <> 'REFUND_REFUSED')
                 > (SELECT amount_minor FROM orders WHERE order_id = NEW.order_id)
            BEGIN SELECT RAISE(ABORT, 'a refund never exceeds what was paid'); END;
        """,
    };
}
