using System.Collections.Concurrent;
using Gateway.Server.Storage;
using Xunit;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// The storage contract both databases must keep (IGatewayStore): idempotent creates, one winner for every
/// race, final statuses that never change, closed ids, expiry, nonces remembered once, terminals and keys.
/// Run against a real SQLite file and a real PostgreSQL server by the two classes below.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    protected const long Now = 1_790_000_000;
    private readonly ConcurrentQueue<string> _changes = new();
    protected IGatewayStore Store = null!;

    protected abstract IGatewayStore Open(Action<string> onOrderChanged);

    public async Task InitializeAsync()
    {
        Store = Open(_changes.Enqueue);
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();

    private Task<OrderOutcome> Create(string id, long amount = 12500, string currency = "NOK", string terminal = "T1", string? code = null, long now = Now) =>
        Store.CreateOrderAsync(terminal, id, amount, currency, code ?? "code-" + id, now, now + 120);

    [Fact]
    public async Task A_repeated_create_answers_the_same_order_and_code()
    {
        OrderOutcome first = await Create("T1-a-1", code: "code-first");
        OrderOutcome again = await Create("T1-a-1", code: "code-second");
        Assert.Equal((OrderStatus.Pending, "code-first"), (first.Order!.Status, first.Order.Code));
        Assert.Equal(("code-first", 2), (again.Order!.Code, again.Order.CreateRequests));
        Assert.Single(await Store.ListOrdersAsync(new OrderFilter()));
    }

    [Theory]
    [InlineData(999, "NOK", "T1")]
    [InlineData(12500, "SEK", "T1")]
    [InlineData(12500, "NOK", "T2")]
    public async Task The_same_id_with_another_amount_currency_or_terminal_conflicts(long amount, string currency, string terminal)
    {
        await Create("T1-a-2");
        OrderOutcome other = await Create("T1-a-2", amount, currency, terminal);
        Assert.True(other.Conflict);
        Assert.Equal(12500, (await Store.FindOrderAsync("T1-a-2"))!.AmountMinor);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_id_make_one_order_with_one_code()
    {
        OrderOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => Create("T1-race", code: "code-" + i))));
        Assert.Single(outcomes.Select(o => o.Order!.Code).Distinct());
        Assert.Equal(16, (await Store.FindOrderAsync("T1-race"))!.CreateRequests);
    }

    [Fact]
    public async Task Of_concurrent_payments_of_one_code_exactly_one_pays()
    {
        await Create("T1-pay");
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Store.PayAsync("code-T1-pay", Now + 1))));
        Assert.Single(results, r => r.Result == PaymentResult.Paid);
        Assert.All(results.Where(r => r.Result != PaymentResult.Paid), r => Assert.Equal(PaymentResult.AlreadyPaid, r.Result));
        StoredOrder order = (await Store.FindOrderAsync("T1-pay"))!;
        Assert.Equal((OrderStatus.Paid, 1, Now + 1), (order.Status, order.Payments, order.PaidAtUnix));
        Assert.Contains("T1-pay", _changes);
    }

    [Fact]
    public async Task Payment_racing_cancel_has_one_winner_and_both_agree()
    {
        for (int round = 0; round < 20; round++)
        {
            string id = "T1-pc-" + round;
            await Create(id);
            Task<(PaymentResult Result, StoredOrder? Order)> pay = Task.Run(() => Store.PayAsync("code-" + id, Now + 1));
            Task<OrderOutcome> cancel = Task.Run(() => Store.CancelOrderAsync("T1", id, 12500, "NOK", Now + 1));
            var paid = await pay;
            OrderOutcome cancelled = await cancel;
            string final = (await Store.FindOrderAsync(id))!.Status;
            Assert.Equal(final, cancelled.Order!.Status);
            Assert.Equal(final == OrderStatus.Paid ? PaymentResult.Paid : PaymentResult.Cancelled, paid.Result);
        }
    }

    [Fact]
    public async Task A_final_status_never_changes()
    {
        await Create("T1-final");
        await Store.PayAsync("code-T1-final", Now + 1);
        OrderOutcome cancel = await Store.CancelOrderAsync("T1", "T1-final", 12500, "NOK", Now + 2);
        IReadOnlyList<string> expired = await Store.ExpireDueAsync(Now + 10_000);
        Assert.Equal(OrderStatus.Paid, cancel.Order!.Status);
        Assert.DoesNotContain("T1-final", expired);
        Assert.Equal((OrderStatus.Paid, 1), ((await Store.FindOrderAsync("T1-final"))!.Status, (await Store.FindOrderAsync("T1-final"))!.CancelRequests));
    }

    [Fact]
    public async Task Cancelling_an_unseen_id_closes_it_for_good()
    {
        OrderOutcome closed = await Store.CancelOrderAsync("T1", "T1-lost", 12500, "NOK", Now);
        OrderOutcome late = await Create("T1-lost");
        Assert.Equal((OrderStatus.Cancelled, ""), (closed.Order!.Status, closed.Order.Code));
        Assert.Equal((OrderStatus.Cancelled, "", false), (late.Order!.Status, late.Order.Code, late.Order.Created));
        Assert.Equal(PaymentResult.UnknownCode, (await Store.PayAsync("code-T1-lost", Now)).Result);
    }

    [Fact]
    public async Task An_order_past_its_expiry_cannot_be_paid_and_expires()
    {
        await Create("T1-exp");
        Assert.Equal(OrderStatus.Expired, (await Store.GetOrderAsync("T1", "T1-exp", Now + 120))!.Status);
        Assert.Equal(PaymentResult.Expired, (await Store.PayAsync("code-T1-exp", Now + 120)).Result);
        Assert.Equal(new[] { "T1-exp" }, await Store.ExpireDueAsync(Now + 120));
        Assert.Equal(OrderStatus.Expired, (await Store.FindOrderAsync("T1-exp"))!.Status);
        Assert.Equal(OrderStatus.Expired, (await Store.CancelOrderAsync("T1", "T1-exp", 12500, "NOK", Now + 121)).Order!.Status);
        Assert.Contains("T1-exp", _changes);
    }

    [Fact]
    public async Task Paying_a_cancelled_or_unknown_code_is_refused()
    {
        await Create("T1-c");
        await Store.CancelOrderAsync("T1", "T1-c", 12500, "NOK", Now);
        Assert.Equal(PaymentResult.Cancelled, (await Store.PayAsync("code-T1-c", Now)).Result);
        Assert.Equal(PaymentResult.UnknownCode, (await Store.PayAsync("no-such-code", Now)).Result);
    }

    [Fact]
    public async Task Queries_see_only_the_terminals_own_orders()
    {
        await Create("T1-q");
        Assert.NotNull(await Store.GetOrderAsync("T1", "T1-q", Now));
        Assert.Null(await Store.GetOrderAsync("T2", "T1-q", Now));
    }

    [Fact]
    public async Task Open_orders_are_the_terminals_pending_ones_newest_first()
    {
        for (int i = 0; i < 5; i++) await Create("T1-o-" + i);
        await Create("T2-o", terminal: "T2");
        await Store.PayAsync("code-T1-o-1", Now);
        await Store.CancelOrderAsync("T1", "T1-o-3", 12500, "NOK", Now);
        Assert.Equal(new[] { "T1-o-4", "T1-o-2", "T1-o-0" }, await Store.OpenOrderIdsAsync("T1", 16, Now));
        Assert.Equal(new[] { "T1-o-4", "T1-o-2" }, await Store.OpenOrderIdsAsync("T1", 2, Now));
        Assert.Empty(await Store.OpenOrderIdsAsync("T1", 16, Now + 120));
    }

    [Fact]
    public async Task A_nonce_is_accepted_once_even_when_sent_concurrently()
    {
        bool[] accepted = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => Store.RememberNonceAsync("T1", "00112233aabbccdd", Now))));
        Assert.Single(accepted, a => a);
        Assert.True(await Store.RememberNonceAsync("T2", "00112233aabbccdd", Now)); // per terminal
        await Store.ForgetNoncesBeforeAsync(Now + 1);
        Assert.True(await Store.RememberNonceAsync("T1", "00112233aabbccdd", Now + 700));
    }

    [Fact]
    public async Task Terminals_are_registered_once_rotated_and_disabled()
    {
        var terminal = new StoredTerminal("SHOP-01", "protected-1", null, null, false, Now, null, null);
        Assert.True(await Store.AddTerminalAsync(terminal));
        Assert.False(await Store.AddTerminalAsync(terminal with { ProtectedKey = "other" }));
        Assert.True(await Store.RotateKeyAsync("SHOP-01", "protected-2", Now + 3600));
        Assert.True(await Store.SetDisabledAsync("SHOP-01", true));
        await Store.RecordContactAsync("SHOP-01", Now + 5, "1.4.2");
        await Store.RecordContactAsync("SHOP-01", Now + 6, null);
        StoredTerminal stored = (await Store.FindTerminalAsync("SHOP-01"))!;
        Assert.Equal(("protected-2", "protected-1", Now + 3600, true), (stored.ProtectedKey, stored.PreviousProtectedKey, stored.PreviousKeyValidUntilUnix, stored.Disabled));
        Assert.Equal((Now + 6, "1.4.2"), (stored.LastContactUnix, stored.FirmwareVersion));
        Assert.False(await Store.RotateKeyAsync("NOPE", "x", Now));
        Assert.Single(await Store.ListTerminalsAsync());
    }

    [Fact]
    public async Task Orders_are_listed_by_terminal_and_day_newest_first()
    {
        long dayStart = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        await Create("T1-d-1", now: dayStart - 10);
        await Create("T1-d-2", now: dayStart + 10);
        await Create("T2-d-3", terminal: "T2", now: dayStart + 20);
        var day = await Store.ListOrdersAsync(new OrderFilter(Day: new DateOnly(2026, 11, 30)));
        var t1 = await Store.ListOrdersAsync(new OrderFilter(TerminalId: "T1"));
        Assert.Equal(new[] { "T2-d-3", "T1-d-2" }, day.Select(o => o.OrderId));
        Assert.Equal(new[] { "T1-d-2", "T1-d-1" }, t1.Select(o => o.OrderId));
    }

    [Fact]
    public async Task Settings_are_stored_and_replaced()
    {
        Assert.Null(await Store.GetSettingAsync("merchant.password"));
        await Store.SetSettingAsync("merchant.password", "a");
        await Store.SetSettingAsync("merchant.password", "b");
        Assert.Equal("b", await Store.GetSettingAsync("merchant.password"));
    }

    [Fact]
    public async Task Migrating_again_keeps_the_data()
    {
        await Create("T1-m");
        await Task.WhenAll(Store.MigrateAsync(), Store.MigrateAsync());
        Assert.NotNull(await Store.FindOrderAsync("T1-m"));
    }
}

public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gw-sqlite-" + Guid.NewGuid().ToString("N"));

    protected override IGatewayStore Open(Action<string> onOrderChanged) =>
        new SqliteGatewayStore(Path.Combine(_folder, "gateway.db"), onOrderChanged);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class PostgresStoreContractTests : StoreContractTests
{
    protected override IGatewayStore Open(Action<string> onOrderChanged) =>
        new PostgresGatewayStore(PostgresCluster.Shared.NewDatabase(), onOrderChanged);
}
