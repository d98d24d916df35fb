using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Gateway.Server.Acquiring;
using Gateway.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Terminal.Drivers.Fakes;
using Terminal.Tests.Alipay;
using Xunit;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// Several gateway instances on one PostgreSQL database: every change of an order driven by Alipay takes the
/// order's lock in the database (IGatewayStore.LockOrderAsync, an advisory lock), so a notification reaching one
/// instance cannot fall between another instance's query and cancel of the same order.
/// </summary>
public class OrderLockTests
{
    private const long Now = 1_790_000_000;

    [Fact]
    public async Task The_lock_of_an_order_holds_a_second_instance_until_the_first_releases_it()
    {
        string database = PostgresCluster.Shared.NewDatabase();
        await using var first = new PostgresGatewayStore(database, _ => { });
        await using var second = new PostgresGatewayStore(database, _ => { });
        await first.MigrateAsync();

        IAsyncDisposable held = await first.LockOrderAsync("T1-locked");
        Task<IAsyncDisposable> waiting = second.LockOrderAsync("T1-locked");
        await UntilDoneOrWaitingForLockAsync(waiting, database);
        Assert.False(waiting.IsCompleted); // the second instance is queued in pg_advisory_lock

        await held.DisposeAsync();
        await using (await waiting) { } // granted once released
        await using (await first.LockOrderAsync("T1-locked")) { } // and free again after that
    }

    [Fact]
    public async Task On_SQLite_every_store_of_one_file_in_the_process_shares_the_order_locks()
    {
        string folder = Path.Combine(Path.GetTempPath(), "gw-lock-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var first = new SqliteGatewayStore(Path.Combine(folder, "gateway.db"), _ => { });
            await using var second = new SqliteGatewayStore(Path.Combine(folder, ".", "gateway.db"), _ => { });
            IAsyncDisposable held = await first.LockOrderAsync("T1-locked");
            Task<IAsyncDisposable> waiting = second.LockOrderAsync("T1-locked");
            Assert.False(waiting.IsCompleted);
            await held.DisposeAsync();
            await using (await waiting) { }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_notification_on_one_instance_waits_for_a_cancel_on_another_and_both_sides_say_not_charged()
    {
        await using var h = await AlipayHarness.StartAsync();
        h.Emulator.Notifications.Mode = NotificationMode.Held; // Alipay's notification is delivered below, to instance B
        string database = PostgresCluster.Shared.NewDatabase();
        await using var storeA = new PostgresGatewayStore(database, _ => { });
        await using var storeB = new PostgresGatewayStore(database, _ => { });
        await storeA.MigrateAsync();
        var clock = new FakeWallClock(Now);
        var instanceA = new AlipayOrderAcquirer(storeA, new AlipayAcquirer(h.Client), h.Client, clock, NullLogger.Instance, "Counter sale");
        var instanceB = new AlipayOrderAcquirer(storeB, new AlipayAcquirer(h.Client), h.Client, clock, NullLogger.Instance, "Counter sale");
        const string orderId = "T1-race-1";
        AcquirerCreation created = await instanceA.CreateAsync("T1", orderId, 12500, "NOK", Now, Now + 120);
        string code = created.Outcome.Order!.Code;

        Task<bool>? notified = null;
        h.Emulator.BeforeService = async service =>
        {
            if (service != AlipayProtocol.ServiceCancel || notified != null) return;
            // Instance A has asked Alipay (waiting) and is about to cancel: the tourist pays now, and Alipay's
            // notification reaches instance B at that moment.
            Assert.Equal(WalletPayStatus.Paid, await h.Emulator.PayAsync(code));
            EmulatorTrade trade = h.Emulator.Ledger.Find(orderId)!;
            notified = instanceB.ApplyNotificationAsync(
                new AlipayNotification("notify-1", orderId, trade.TradeNo, AlipayProtocol.TradeSuccess, 12500, "NOK"));
            await UntilDoneOrWaitingForLockAsync(notified, database);
        };

        OrderOutcome cancelled = await instanceA.CancelAsync("T1", orderId, 12500, "NOK", Now + 5);
        Assert.NotNull(notified);
        Assert.True(await notified!); // acknowledged: the ledger agrees with Alipay

        StoredOrder order = (await storeB.FindOrderAsync(orderId))!;
        EmulatorTrade reversed = h.Emulator.Ledger.Find(orderId)!;
        Assert.Equal(OrderStatus.Cancelled, cancelled.Order!.Status); // what the cashier's terminal is told
        Assert.Equal((OrderStatus.Cancelled, 0, false), (order.Status, order.Payments, order.AcquirerOpen));
        Assert.Equal((true, 12500L), (reversed.Paid, reversed.RefundedMinor)); // Alipay paid the tourist back in full
    }

    /// <summary>Returns when the task is done or some session of this database waits for an advisory lock.</summary>
    private static async Task UntilDoneOrWaitingForLockAsync(Task task, string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted " +
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !task.IsCompleted;)
        {
            if ((long)(await waiting.ExecuteScalarAsync())! > 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("neither done nor waiting for the order's lock");
            await Task.WhenAny(task, Task.Delay(5));
        }
    }
}
