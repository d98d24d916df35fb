using System.Data.Common;
using Npgsql;

namespace Gateway.Server.Storage;

/// <summary>
/// PostgreSQL for merchants with many shops: several server instances share one database. State changes are
/// the shared conditional statements (READ COMMITTED is enough: each is one statement on one row, and an
/// UPDATE re-checks its WHERE clause on the row's newest version). A trigger NOTIFYs every change of an
/// order's status in the changing transaction; <see cref="OrderChangeListener"/> on each instance LISTENs and
/// wakes its long polls the moment the commit lands.
/// </summary>
public sealed class PostgresGatewayStore : SqlGatewayStore
{
    /// <summary>The NOTIFY channel; the payload is the order id.</summary>
    public const string ChangeChannel = "gateway_order_changed";
    private const long MigrationLockKey = 0x47573153; // "GW1S"
    /// <summary>The first key of the two-key advisory locks on orders ("ORDR"); the second is hashtext(order id).</summary>
    private const int OrderLockSpace = 0x4F524452;
    private static readonly string OrderLockArguments = "(" + OrderLockSpace + ", hashtext(@id))";

    private readonly NpgsqlDataSource _dataSource;
    private readonly OrderLocks _orderLocks = new();

    public PostgresGatewayStore(string connectionString, Action<string> onOrderChanged) : base(onOrderChanged)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    protected override async Task<DbConnection> OpenAsync(CancellationToken ct = default) =>
        await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

    protected override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(" + MigrationLockKey + ")").ConfigureAwait(false);

    protected override async Task LockOrderForRefundAsync(DbConnection connection, DbTransaction transaction, string orderId) =>
        await ExecuteAsync(connection, transaction, "SELECT 1 FROM orders WHERE order_id = @id FOR UPDATE", ("@id", orderId)).ConfigureAwait(false);

    /// <summary>
    /// This instance's in-process lock first (one connection per order and instance), then a session advisory lock
    /// on a connection of its own, held until released: another instance waits in pg_advisory_lock. If this
    /// process dies, its connections close and PostgreSQL releases the lock; two ids whose hashes collide only
    /// take turns.
    /// </summary>
    public override async Task<IAsyncDisposable> LockOrderAsync(string orderId, CancellationToken ct = default)
    {
        IAsyncDisposable local = await _orderLocks.EnterAsync(orderId, ct).ConfigureAwait(false);
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock" + OrderLockArguments, connection))
            {
                command.Parameters.AddWithValue("@id", orderId);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            return new AdvisoryLock(connection, orderId, local);
        }
        catch
        {
            if (connection != null) await connection.DisposeAsync().ConfigureAwait(false);
            await local.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection, string orderId, IAsyncDisposable local) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock" + OrderLockArguments, connection);
                command.Parameters.AddWithValue("@id", orderId);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            finally
            {
                // Returned to the pool (whose reset, DISCARD ALL, would release it too) or closed if broken:
                // either way the session no longer holds the lock.
                await connection.DisposeAsync().ConfigureAwait(false);
                await local.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override string[] Migrations { get; } =
    {
        """
        CREATE TABLE terminals (
            terminal_id text PRIMARY KEY,
            protected_key text NOT NULL,
            previous_protected_key text,
            previous_key_until bigint,
            disabled bigint NOT NULL DEFAULT 0,
            created_at bigint NOT NULL,
            last_contact_at bigint,
            firmware_version text);
        CREATE TABLE nonces (
            terminal_id text NOT NULL,
            nonce text NOT NULL,
            seen_at bigint NOT NULL,
            PRIMARY KEY (terminal_id, nonce));
        CREATE INDEX nonces_seen_at ON nonces (seen_at);
        CREATE TABLE orders (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            order_id text NOT NULL UNIQUE,
            terminal_id text NOT NULL,
            amount_minor bigint NOT NULL CHECK (amount_minor > 0),
            currency text NOT NULL,
            status text NOT NULL CHECK (status IN ('PENDING', 'PAID', 'CANCELLED', 'EXPIRED')),
            code text UNIQUE,
            created_at bigint NOT NULL,
            expires_at bigint NOT NULL,
            paid_at bigint,
            create_requests bigint NOT NULL,
            cancel_requests bigint NOT NULL,
            payments bigint NOT NULL CHECK (payments IN (0, 1) AND (payments = 1) = (status = 'PAID')));
        CREATE INDEX orders_pending_expiry ON orders (expires_at) WHERE status = 'PENDING';
        CREATE INDEX orders_terminal ON orders (terminal_id, seq);
        CREATE INDEX orders_created ON orders (created_at);
        CREATE FUNCTION orders_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status <> 'PENDING' AND NEW.status <> OLD.status THEN
                RAISE EXCEPTION 'an order never leaves a final status';
            END IF;
            IF NEW.status <> OLD.status THEN
                PERFORM pg_notify('gateway_order_changed', NEW.order_id);
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER orders_status_guard BEFORE UPDATE OF status ON orders
            FOR EACH ROW EXECUTE FUNCTION orders_status_guard();
        CREATE TABLE settings (
            name text PRIMARY KEY,
            value text NOT NULL);
        """,
        // 2: which acquirer holds each order and whether it is settled with it (Alipay, issue 16).
        """
        ALTER TABLE orders ADD COLUMN acquirer text NOT NULL DEFAULT 'development' CHECK (acquirer IN ('development', 'alipay'));
        ALTER TABLE orders ADD COLUMN acquirer_open bigint NOT NULL DEFAULT 0 CHECK (acquirer_open IN (0, 1));
        ALTER TABLE orders ADD COLUMN acquirer_note text;
        CREATE INDEX orders_acquirer_open ON orders (seq) WHERE acquirer_open = 1;
        """,
        // 3: refunds (docs/gateway-protocol.md 6). The id is unique; the trigger, holding the order's row, refuses
        // refunds past the paid amount even from two instances at once.
        """
        CREATE TABLE refunds (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            refund_id text NOT NULL UNIQUE,
            order_id text NOT NULL REFERENCES orders (order_id),
            amount_minor bigint NOT NULL CHECK (amount_minor > 0),
            currency text NOT NULL,
            status text NOT NULL CHECK (status IN ('REFUND_PENDING', 'REFUNDED', 'REFUND_REFUSED')),
            operator text NOT NULL,
            reason text NOT NULL,
            requested_at bigint NOT NULL,
            settled_at bigint,
            detail text);
        CREATE INDEX refunds_order ON refunds (order_id);
        CREATE INDEX refunds_pending ON refunds (seq) WHERE status = 'REFUND_PENDING';
        CREATE FUNCTION refunds_guard() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE o orders%ROWTYPE;
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF OLD.status <> 'REFUND_PENDING' AND NEW.status <> OLD.status THEN
                    RAISE EXCEPTION 'a refund never leaves a final status';
                END IF;
                RETURN NEW;
            END IF;
            SELECT * INTO o FROM orders WHERE order_id = NEW.order_id FOR UPDATE;
            IF o.status IS DISTINCT FROM 'PAID' OR o.currency <> NEW.currency OR NEW.amount_minor +
               (SELECT COALESCE(SUM(amount_minor), 0) FROM refunds WHERE order_id = NEW.order_id AND status <> 'REFUND_REFUSED')
               > o.amount_minor THEN
                RAISE EXCEPTION 'a refund never exceeds what was paid';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER refunds_guard BEFORE INSERT OR UPDATE ON refunds
            FOR EACH ROW EXECUTE FUNCTION refunds_guard();
        """,
        // 4: an id closed by a cancel that named only the id (protocol 3.4) is a tombstone without an amount
        // (amount 0, currency ''); a later create gives it one.
        """
        ALTER TABLE orders DROP CONSTRAINT orders_amount_minor_check;
        ALTER TABLE orders ADD CONSTRAINT orders_amount_minor_check
            CHECK (amount_minor > 0 OR (amount_minor = 0 AND code IS NULL AND status = 'CANCELLED'));
        """,
    };
}
