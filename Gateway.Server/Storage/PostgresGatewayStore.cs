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

    private readonly NpgsqlDataSource _dataSource;

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
    };
}
