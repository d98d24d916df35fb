using Gateway.Server.Protocol;
using Gateway.Server.Storage;

namespace Gateway.Server.Acquiring;

/// <summary>The development wallet: the gateway issues Alipay-shaped codes itself and its ledger is the whole truth.</summary>
public sealed class DevelopmentAcquirer : IOrderAcquirer
{
    private readonly IGatewayStore _store;

    public DevelopmentAcquirer(IGatewayStore store)
    {
        _store = store;
    }

    public string Name => OrderAcquirers.Development;

    public async Task<AcquirerCreation> CreateAsync(string terminalId, string orderId, long amountMinor, string currency, long nowUnix, long expiresAtUnix) =>
        new(await _store.CreateOrderAsync(terminalId, orderId, amountMinor, currency, OrderCodes.NewCode(), nowUnix, expiresAtUnix), null);

    public Task<OrderOutcome> CancelAsync(string terminalId, string orderId, long amountMinor, string? currency, long nowUnix) =>
        _store.CancelOrderAsync(terminalId, orderId, amountMinor, currency, nowUnix);

    /// <summary>The development wallet holds no money: its refunds are made the moment the ledger records them.</summary>
    public Task<(string Status, string Detail)?> RefundAsync(StoredOrder order, StoredRefund refund) =>
        Task.FromResult<(string, string)?>((RefundStatus.Refunded, "development wallet"));

    public Task<int> ReconcileAsync(long nowUnix, long minAgeSeconds) => Task.FromResult(0);
}
