using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Terminal.Config;
using Terminal.Gateway;
using Terminal.Host;
using Terminal.Simulator;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>
/// The firmware's refund call (GatewayClient.RefundOrder, docs/gateway-protocol.md 6.2) against the gateway server
/// over loopback HTTP: REFUNDED only from a signed answer about this very refund; a retry after a lost answer is
/// the same refund; refusals are Rejected with the gateway's code; anything untrustworthy or pending is Unknown.
/// </summary>
public class GatewayRefundTests : IDisposable
{
    private readonly GatewayHarness _h = new(seed: 31, requestTimeoutMs: 4000, waitMarginMs: 3000);

    public void Dispose() => _h.Dispose();

    private string PaidOrder(long amountMinor)
    {
        string id = _h.Ids.Next();
        GatewayReply created = _h.Create(id, amountMinor);
        Assert.Equal((200, (string?)null), _h.Pay(created.CodeText));
        return id;
    }

    private GatewayReply Refund(string orderId, string refundId, long amountMinor, string currency = "NOK")
    {
        var reply = new GatewayReply();
        _h.Client.RefundOrder(orderId, refundId, amountMinor, currency, "returned goods", "manager", reply);
        return reply;
    }

    [Fact]
    public async Task A_refund_is_REFUNDED_and_the_same_id_again_is_the_same_refund()
    {
        string id = PaidOrder(12500);
        GatewayReply first = Refund(id, id + "-R1", 5000);
        GatewayReply again = Refund(id, id + "-R1", 5000);
        Assert.Equal((GatewayOutcome.Refunded, 5000L, "NOK"), (first.Outcome, first.AmountMinor, first.Currency));
        Assert.Equal(GatewayOutcome.Refunded, again.Outcome);
        StoredRefund refund = Assert.Single(await _h.Gateway.Store.ListRefundsAsync(id, 10));
        Assert.Equal(("manager", "returned goods"), (refund.Operator, refund.Reason));
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_retried_with_the_same_id_and_refunds_once()
    {
        string id = PaidOrder(8000);
        _h.Gateway.Faults!.Enqueue(GatewayFault.DropResponse, GatewayPaths.Refund);
        GatewayReply reply = Refund(id, id + "-R1", 8000);
        Assert.Equal((GatewayOutcome.Refunded, 2), (reply.Outcome, reply.Attempts));
        Assert.Single(await _h.Gateway.Store.ListRefundsAsync(id, 10));
    }

    [Fact]
    public void Refunds_past_the_paid_amount_of_unpaid_orders_and_reused_ids_are_Rejected_with_the_gateways_code()
    {
        string id = PaidOrder(10000);
        Assert.Equal(GatewayOutcome.Refunded, Refund(id, id + "-R1", 6000).Outcome);
        GatewayReply over = Refund(id, id + "-R2", 4001);
        Assert.Equal((GatewayOutcome.Rejected, GatewayErrors.RefundExceedsPaid), (over.Outcome, over.ErrorCode));
        GatewayReply reused = Refund(id, id + "-R1", 1000);
        Assert.Equal((GatewayOutcome.Rejected, GatewayErrors.RefundConflict), (reused.Outcome, reused.ErrorCode));
        string unpaid = _h.Ids.Next();
        _h.Create(unpaid);
        GatewayReply notPaid = Refund(unpaid, unpaid + "-R1", 100);
        Assert.Equal((GatewayOutcome.Rejected, GatewayErrors.NotPaid), (notPaid.Outcome, notPaid.ErrorCode));
    }

    [Theory]
    [InlineData(GatewayFault.WrongSignature, GatewayErrors.BadSignature)]
    [InlineData(GatewayFault.ReplayPrevious, GatewayErrors.BadSignature)]
    [InlineData(GatewayFault.ServerError, GatewayErrors.Http5xx)]
    [InlineData(GatewayFault.TruncatedBody, GatewayErrors.BadSignature)]
    [InlineData(GatewayFault.DropResponse, GatewayErrors.Network)]
    public void An_untrustworthy_answer_is_Unknown_never_refunded(GatewayFault fault, string expectedError)
    {
        string id = PaidOrder(3000);
        Assert.Equal(GatewayOutcome.Refunded, Refund(id, id + "-R0", 1000).Outcome); // a previous answer a replay could reuse
        for (int i = 0; i < _h.Config.MaxAttempts; i++) _h.Gateway.Faults!.Enqueue(fault, GatewayPaths.Refund);
        GatewayReply reply = Refund(id, id + "-R1", 1000);
        Assert.Equal(GatewayOutcome.Unknown, reply.Outcome);
        Assert.Equal(expectedError, reply.ErrorCode);
    }

    [Fact]
    public async Task With_Alipay_a_refund_whose_answer_Alipay_lost_is_Unknown_refund_pending_until_the_gateway_settles_it()
    {
        using var t = VirtualTerminal.Start(new VirtualTerminalOptions
        {
            ThroughAlipay = true, ReconcileIntervalMs = 0, Seed = 32, TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0,
            WaitHoldMs = 1000, RetryDelayMs = 200,
        });
        t.WaitForScreen("amount");
        t.PressKeys("9000D");
        t.WaitForScreen("qr");
        string id = t.State().OrderId!;
        Assert.True(t.ScanAndPay().Paid);
        t.WaitForScreen("paid");
        TerminalConfig config = TerminalConfig.Parse(t.ProvisioningText(), out _)!;
        using var transport = new HttpClientTransport(t.Gateway.BaseUrl);
        GatewayClient client = _h.NewClient(_h.NewConfig(requestTimeoutMs: 8000, key: config.TerminalKeyBytes, terminalId: config.TerminalIdText),
            transport, 33, new Terminal.Drivers.Timing.SystemWallClock());
        for (int i = 0; i < 3; i++) t.Alipay.Emulator.Faults.Enqueue(AlipayFault.ApplyThenDropConnection, AlipayProtocol.ServiceRefund);

        var reply = new GatewayReply();
        client.RefundOrder(id, id + "-R1", 4000, "NOK", "", "technician", reply);
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.RefundPending, 1), (reply.Outcome, reply.ErrorCode, reply.Attempts));

        await t.Gateway.ReconcileAsync();
        client.RefundOrder(id, id + "-R1", 4000, "NOK", "", "technician", reply);
        Assert.Equal(GatewayOutcome.Refunded, reply.Outcome);
        Assert.Equal((4000L, 1), (t.Alipay.Emulator.Ledger.Find(id)!.RefundedMinor, t.Alipay.Emulator.Ledger.Find(id)!.Refunds.Count));
    }
}
