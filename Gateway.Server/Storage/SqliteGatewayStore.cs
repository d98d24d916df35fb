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

    public SqliteGatewayStore(string path, Action<string> onOrderChanged) : base(onOrderChanged)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null) Directory.CreateDirectory(folder);
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
    };
}
