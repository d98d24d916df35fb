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

    /// <summary>A store on a new, empty database (not migrated) and a plain connection to that database.</summary>
    protected abstract (IGatewayStore Store, System.Data.Common.DbConnection Raw) OpenEmpty();

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
    public async Task A_cancel_naming_only_the_id_leaves_a_tombstone_that_a_create_fills_in_but_never_opens()
    {
        OrderOutcome closed = await Store.CancelOrderAsync("T1", "T1-idonly", 0, null, Now);
        Assert.Equal((OrderStatus.Cancelled, 0L, ""), (closed.Order!.Status, closed.Order.AmountMinor, closed.Order.Currency));
        OrderOutcome late = await Create("T1-idonly", 4200, "SEK");
        Assert.Equal((OrderStatus.Cancelled, 4200L, "SEK", false), (late.Order!.Status, late.Order.AmountMinor, late.Order.Currency, late.Order.Created));
        Assert.True((await Create("T1-idonly", 4300, "SEK")).Conflict); // from now on the amount is the tombstone's
        Assert.Equal(PaymentResult.UnknownCode, (await Store.PayAsync("code-T1-idonly", Now)).Result);
    }

    [Fact]
    public async Task A_cancel_naming_only_the_id_cancels_a_pending_order_and_one_naming_another_amount_conflicts()
    {
        await Create("T1-byid");
        Assert.True((await Store.CancelOrderAsync("T1", "T1-byid", 999, "NOK", Now)).Conflict);
        Assert.True((await Store.CancelOrderAsync("T2", "T1-byid", 0, null, Now)).Conflict); // another terminal's
        OrderOutcome cancelled = await Store.CancelOrderAsync("T1", "T1-byid", 0, null, Now);
        Assert.Equal((OrderStatus.Cancelled, 12500L, "NOK"), (cancelled.Order!.Status, cancelled.Order.AmountMinor, cancelled.Order.Currency));
    }

    [Fact]
    public async Task A_database_of_schema_version_1_is_upgraded_keeping_its_orders_and_then_takes_id_only_tombstones()
    {
        (IGatewayStore old, System.Data.Common.DbConnection raw) = OpenEmpty();
        await using (old)
        await using (raw)
        {
            // Version 1 exactly as the server before issue 14 made it, with one order in it.
            var migrations = (string[])typeof(SqlGatewayStore).GetProperty("Migrations",
                System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(old)!;
            await using (var v1 = raw.CreateCommand())
            {
                v1.CommandText = migrations[0] + ";\nCREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (1);"
                    + "INSERT INTO orders (order_id, terminal_id, amount_minor, currency, status, code, created_at, expires_at, paid_at, "
                    + "create_requests, cancel_requests, payments) VALUES ('T1-v1', 'T1', 500, 'NOK', 'PENDING', 'code-T1-v1', "
                    + Now + ", " + (Now + 120) + ", NULL, 1, 0, 0)";
                await v1.ExecuteNonQueryAsync();
            }
            await old.MigrateAsync();

            Assert.Equal((OrderStatus.Pending, 500L), ((await old.FindOrderAsync("T1-v1"))!.Status, (await old.FindOrderAsync("T1-v1"))!.AmountMinor));
            Assert.Equal(OrderStatus.Cancelled, (await old.CancelOrderAsync("T1", "T1-v2", 0, null, Now)).Order!.Status); // refused by version 1's CHECK
            Assert.Equal(PaymentResult.Paid, (await old.PayAsync("code-T1-v1", Now + 1)).Result);
            Assert.Equal(OrderStatus.Paid, (await old.CancelOrderAsync("T1", "T1-v1", 0, null, Now + 2)).Order!.Status); // final stays final
            OrderOutcome next = await old.CreateOrderAsync("T1", "T1-v3", 700, "SEK", "code-T1-v3", Now, Now + 120);
            Assert.True(next.Order!.Sequence > (await old.FindOrderAsync("T1-v1"))!.Sequence); // the sequence carries on
        }
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

    // ---------------- Alipay orders (acquirer state) ----------------

    private async Task<StoredOrder> PaidOrder(string id, long amount = 12500)
    {
        await Create(id, amount);
        Assert.Equal(PaymentResult.Paid, (await Store.PayAsync("code-" + id, Now + 1)).Result);
        return (await Store.FindOrderAsync(id))!;
    }

    [Fact]
    public async Task An_Alipay_order_is_paid_once_by_the_acquirer_and_never_by_the_development_wallet()
    {
        await Store.CreateOrderAsync("T1", "T1-ali", 12500, "NOK", "https://qr.alipay.com/bax1", Now, Now + 120, OrderAcquirers.Alipay);
        StoredOrder created = (await Store.FindOrderAsync("T1-ali"))!;
        Assert.Equal((OrderAcquirers.Alipay, true), (created.Acquirer, created.AcquirerOpen));
        Assert.Equal(PaymentResult.UnknownCode, (await Store.PayAsync("https://qr.alipay.com/bax1", Now + 1)).Result);

        StoredOrder?[] marks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.MarkPaidAsync("T1-ali", Now + 2, "paid (query)"))));
        Assert.Single(marks, m => m != null);
        StoredOrder paid = (await Store.FindOrderAsync("T1-ali"))!;
        Assert.Equal((OrderStatus.Paid, 1, false, "paid (query)"), (paid.Status, paid.Payments, paid.AcquirerOpen, paid.AcquirerNote));
        Assert.Contains("T1-ali", _changes);
    }

    [Fact]
    public async Task The_acquirer_cannot_mark_an_order_paid_past_its_expiry_even_before_the_sweep()
    {
        await Store.CreateOrderAsync("T1", "T1-late", 12500, "NOK", "https://qr.alipay.com/bax2", Now, Now + 120, OrderAcquirers.Alipay);

        Assert.Null(await Store.MarkPaidAsync("T1-late", Now + 120, "paid (notification)")); // the terminal was told EXPIRED at Now + 120
        StoredOrder order = (await Store.FindOrderAsync("T1-late"))!;
        Assert.Equal((OrderStatus.Expired, 0), (order.AsOf(Now + 120).Status, order.Payments));
        Assert.Equal(new[] { "T1-late" }, await Store.ExpireDueAsync(Now + 120));
    }

    [Fact]
    public async Task Orders_open_at_the_acquirer_are_listed_for_reconciliation_until_settled()
    {
        await Create("T1-dev");
        await Store.CreateOrderAsync("T1", "T1-open", 500, "NOK", "c-open", Now, Now + 120, OrderAcquirers.Alipay);
        await Store.CreateOrderAsync("T1", "T1-young", 500, "NOK", "c-young", Now + 10, Now + 130, OrderAcquirers.Alipay);
        Assert.Equal(new[] { "T1-open" }, (await Store.OrdersToReconcileAsync(Now + 5, 10)).Select(o => o.OrderId));
        await Store.CancelOrderAsync("T1", "T1-open", 500, "NOK", Now + 6);
        Assert.Equal(new[] { "T1-open" }, (await Store.OrdersToReconcileAsync(Now + 5, 10)).Select(o => o.OrderId)); // cancelled, not yet closed at Alipay
        await Store.SetAcquirerStateAsync("T1-open", OrderAcquirers.Alipay, open: false, note: "closed");
        Assert.Empty(await Store.OrdersToReconcileAsync(Now + 5, 10));
        Assert.Equal("closed", (await Store.FindOrderAsync("T1-open"))!.AcquirerNote);
    }

    // ---------------- refunds ----------------

    private Task<RefundRequestOutcome> Refund(string orderId, string refundId, long amount, string currency = "NOK", string? terminal = "T1") =>
        Store.RequestRefundAsync(terminal, orderId, refundId, amount, currency, "manager", "returned goods", Now + 5);

    [Fact]
    public async Task The_same_refund_id_twice_is_one_refund()
    {
        await PaidOrder("T1-r1");
        RefundRequestOutcome first = await Refund("T1-r1", "T1-x-R1", 5000);
        RefundRequestOutcome again = await Refund("T1-r1", "T1-x-R1", 5000);
        Assert.Equal((RefundRequestResult.Recorded, RefundRequestResult.Existing), (first.Result, again.Result));
        Assert.Equal(first.Refund!.Sequence, again.Refund!.Sequence);
        StoredRefund only = Assert.Single(await Store.ListRefundsAsync("T1-r1", 10));
        Assert.Equal((RefundStatus.Pending, "manager", "returned goods", 5000L), (only.Status, only.Operator, only.Reason, only.AmountMinor));
        Assert.Equal(RefundRequestResult.Conflict, (await Refund("T1-r1", "T1-x-R1", 4000)).Result);
    }

    [Fact]
    public async Task Partial_refunds_summing_past_the_paid_amount_are_refused_and_refused_ones_free_their_share()
    {
        await PaidOrder("T1-r2", 12500);
        Assert.Equal(RefundRequestResult.Recorded, (await Refund("T1-r2", "R-a", 5000)).Result);
        Assert.Equal(RefundRequestResult.Recorded, (await Refund("T1-r2", "R-b", 7000)).Result);
        RefundRequestOutcome over = await Refund("T1-r2", "R-c", 501);
        Assert.Equal((RefundRequestResult.ExceedsPaid, 12500L, 12000L), (over.Result, over.PaidMinor, over.RefundedTotalMinor));
        await Store.SettleRefundAsync("R-b", RefundStatus.Refused, "alipay REFUND_AMT_RESTRICTION", Now + 6);
        Assert.Equal(RefundRequestResult.Recorded, (await Refund("T1-r2", "R-c", 501)).Result);
        // A final refund never changes again.
        Assert.Equal(RefundStatus.Refused, (await Store.SettleRefundAsync("R-b", RefundStatus.Refunded, null, Now + 7))!.Status);
    }

    [Fact]
    public async Task Recent_paid_orders_are_this_terminals_newest_payments_with_refunds_made_or_pending_and_not_refused()
    {
        await PaidOrder("T1-p1", 1000);
        await Create("T1-p2", 2000);
        await Create("T1-p3", 3000);
        await Store.PayAsync("code-T1-p3", Now + 2); // paid before p2
        await Store.PayAsync("code-T1-p2", Now + 3);
        await Create("T1-pending", 4000);
        await Create("T2-p1", 5000, terminal: "T2");
        await Store.PayAsync("code-T2-p1", Now + 4);
        await Refund("T1-p2", "R-p-1", 500);
        await Refund("T1-p2", "R-p-2", 700);
        await Store.SettleRefundAsync("R-p-1", RefundStatus.Refunded, null, Now + 6);
        await Refund("T1-p3", "R-p-3", 3000);
        await Store.SettleRefundAsync("R-p-3", RefundStatus.Refused, "refused", Now + 6);

        IReadOnlyList<PaidSale> sales = await Store.RecentPaidOrdersAsync("T1", 5);
        Assert.Equal(new[] { "T1-p2", "T1-p3", "T1-p1" }, sales.Select(s => s.Order.OrderId).ToArray());
        Assert.Equal(new[] { 1200L, 0L, 0L }, sales.Select(s => s.RefundedTotalMinor).ToArray()); // made + pending; refused not
        Assert.Equal((2000L, "NOK", (long?)(Now + 3)), (sales[0].Order.AmountMinor, sales[0].Order.Currency, sales[0].Order.PaidAtUnix));
        Assert.Equal(2, (await Store.RecentPaidOrdersAsync("T1", 2)).Count);
        Assert.Equal("T2-p1", Assert.Single(await Store.RecentPaidOrdersAsync("T2", 5)).Order.OrderId);
        Assert.Empty(await Store.RecentPaidOrdersAsync("T3", 5));
    }

    [Fact]
    public async Task Concurrent_refunds_never_exceed_the_paid_amount()
    {
        await PaidOrder("T1-r3", 5000);
        RefundRequestOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => Refund("T1-r3", "R-conc-" + i, 1000))));
        Assert.Equal(5, outcomes.Count(o => o.Result == RefundRequestResult.Recorded));
        Assert.Equal(11, outcomes.Count(o => o.Result == RefundRequestResult.ExceedsPaid));
        Assert.Equal(5000, (await Store.ListRefundsAsync("T1-r3", 100)).Sum(r => r.AmountMinor));
    }

    [Fact]
    public async Task Refunds_of_unpaid_unknown_or_other_terminals_orders_are_refused()
    {
        await Create("T1-r4");
        await PaidOrder("T1-r5");
        Assert.Equal(RefundRequestResult.NotPaid, (await Refund("T1-r4", "R-d", 100)).Result);
        Assert.Equal(RefundRequestResult.UnknownOrder, (await Refund("T1-none", "R-e", 100)).Result);
        Assert.Equal(RefundRequestResult.UnknownOrder, (await Refund("T1-r5", "R-f", 100, terminal: "T2")).Result);
        Assert.Equal(RefundRequestResult.Conflict, (await Refund("T1-r5", "R-g", 100, currency: "SEK")).Result);
        Assert.Equal(RefundRequestResult.Recorded, (await Refund("T1-r5", "R-h", 100, terminal: null)).Result); // the merchant's page
        Assert.Empty(await Store.ListRefundsAsync("T1-r4", 10));
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

    protected override (IGatewayStore, System.Data.Common.DbConnection) OpenEmpty()
    {
        var store = new SqliteGatewayStore(Path.Combine(_folder, "empty-" + Guid.NewGuid().ToString("N") + ".db"), _ => { });
        var raw = new Microsoft.Data.Sqlite.SqliteConnection(store.ConnectionString);
        raw.Open();
        return (store, raw);
    }

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

    protected override (IGatewayStore, System.Data.Common.DbConnection) OpenEmpty()
    {
        var store = new PostgresGatewayStore(PostgresCluster.Shared.NewDatabase(), _ => { });
        var raw = new Npgsql.NpgsqlConnection(store.ConnectionString);
        raw.Open();
        return (store, raw);
    }
}
