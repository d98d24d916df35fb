using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Gateway.Server.Acquiring;
using Gateway.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Terminal.Drivers.Fakes;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>
/// Payments that reach Alipay after the ledger ended the order: the gateway's order (AlipayOrderAcquirer on a real
/// SQLite store) against the emulator. The terminal was told EXPIRED or CANCELLED, so the tourist must not be charged.
/// </summary>
public sealed class AlipayLatePaymentTests : IAsyncLifetime
{
    private const long Now = 1_790_000_000;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gw-late-" + Guid.NewGuid().ToString("N"));
    private readonly FakeWallClock _clock = new(Now);
    private AlipayHarness _h = null!;
    private SqliteGatewayStore _store = null!;
    private AlipayOrderAcquirer _orders = null!;

    public async Task InitializeAsync()
    {
        _h = await AlipayHarness.StartAsync();
        _h.Emulator.Notifications.Mode = NotificationMode.Held; // this test hands the notification to the gateway itself
        _store = new SqliteGatewayStore(Path.Combine(_folder, "gateway.db"), _ => { });
        await _store.MigrateAsync();
        _orders = new AlipayOrderAcquirer(_store, new AlipayAcquirer(_h.Client), _h.Client, _clock, NullLogger.Instance, "Counter sale");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _h.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> CreateAsync(string orderId)
    {
        AcquirerCreation created = await _orders.CreateAsync("T1", orderId, 12500, "NOK", Now, Now + 120);
        return created.Outcome.Order!.Code;
    }

    private Task<bool> NotifyPaidAsync(string orderId) =>
        _orders.ApplyNotificationAsync(new AlipayNotification("notify-" + orderId, orderId, _h.Emulator.Ledger.Find(orderId)!.TradeNo,
            AlipayProtocol.TradeSuccess, 12500, "NOK"));

    [Fact]
    public async Task A_payment_notified_after_the_expiry_is_reversed_even_before_the_expiry_sweep()
    {
        string code = await CreateAsync("T1-late-1");
        _clock.Advance(121_000); // the terminal's wait answered EXPIRED; the sweep has not run yet
        Assert.Equal(WalletPayStatus.Paid, await _h.Emulator.PayAsync(code)); // Alipay knows no expiry of ours

        Assert.True(await NotifyPaidAsync("T1-late-1"));

        StoredOrder order = (await _store.FindOrderAsync("T1-late-1"))!;
        EmulatorTrade trade = _h.Emulator.Ledger.Find("T1-late-1")!;
        Assert.Equal((OrderStatus.Expired, 0, false, AlipayOrderAcquirer.NoteReversed),
            (order.AsOf(_clock.UnixSeconds).Status, order.Payments, order.AcquirerOpen, order.AcquirerNote));
        Assert.Equal((true, 12500L), (trade.Paid, trade.RefundedMinor)); // paid back in full
    }

    [Fact]
    public async Task A_late_payment_Alipay_no_longer_cancels_is_refunded_in_full_once()
    {
        string code = await CreateAsync("T1-late-2");
        _clock.Advance(121_000);
        Assert.Single(await _store.ExpireDueAsync(_clock.UnixSeconds));
        Assert.Equal(WalletPayStatus.Paid, await _h.Emulator.PayAsync(code));
        _h.Emulator.Ledger.RefuseCancelOfPaidTrades = true; // past the Beijing day of the payment

        Assert.True(await NotifyPaidAsync("T1-late-2"));
        Assert.Equal(0, await _orders.ReconcileAsync(_clock.UnixSeconds, 0)); // settled: nothing left to reconcile

        StoredOrder order = (await _store.FindOrderAsync("T1-late-2"))!;
        EmulatorTrade trade = _h.Emulator.Ledger.Find("T1-late-2")!;
        Assert.Equal((OrderStatus.Expired, 0, false, AlipayOrderAcquirer.NoteReversed),
            (order.Status, order.Payments, order.AcquirerOpen, order.AcquirerNote));
        EmulatorRefund refund = Assert.Single(trade.Refunds);
        Assert.Equal((AlipayAcquirer.ReversalRefundId("T1-late-2"), 12500L), (refund.RefundId, refund.AmountMinor));
    }
}
