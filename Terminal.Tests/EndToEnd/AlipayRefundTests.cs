using System.Text.Json;
using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Gateway.Server.Load;
using Gateway.Server.Storage;
using Terminal.Config;
using Terminal.Gateway;
using Terminal.Simulator;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// Refunds of a sale paid through the virtual terminal, gateway and Alipay emulator, asked for with the
/// terminal's own signed protocol call (docs/gateway-protocol.md 6.1): the ledger and Alipay agree on every
/// refund, a refund id is one refund however often it is sent (also when Alipay's answers are lost), and the
/// refunds together never exceed what the tourist paid.
/// </summary>
public class AlipayRefundTests
{
    private sealed class PaidSale : IDisposable
    {
        public readonly VirtualTerminal Terminal;
        public readonly string OrderId;
        public readonly ProtocolClient Client;
        private readonly HttpClient _http = new();

        public PaidSale(string keys, int seed)
        {
            Terminal = VirtualTerminal.Start(new VirtualTerminalOptions
            {
                ThroughAlipay = true, ReconcileIntervalMs = 0, Seed = seed, TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0,
                WaitHoldMs = 1000, RetryDelayMs = 200,
            });
            Terminal.WaitForScreen("amount");
            Terminal.PressKeys(keys);
            Terminal.WaitForScreen("qr");
            OrderId = Terminal.State().OrderId!;
            Assert.True(Terminal.ScanAndPay().Paid);
            Terminal.WaitForScreen("paid");
            TerminalConfig config = TerminalConfig.Parse(Terminal.ProvisioningText(), out _)!;
            Client = new ProtocolClient(_http, Terminal.Gateway.BaseUrl, config.TerminalIdText, config.TerminalKeyBytes);
        }

        public EmulatorTrade Trade => Terminal.Alipay.Emulator.Ledger.Find(OrderId)!;

        public Task<ProtocolClient.Answer> RefundAsync(string refundId, long amountMinor, string currency = "NOK") =>
            Client.SendAsync(GatewayPaths.Refund, JsonSerializer.Serialize(new
            {
                orderId = OrderId, refundId, amountMinor, currency, reason = "returned goods", @operator = "manager",
            }));

        public void Dispose()
        {
            Terminal.Dispose();
            _http.Dispose();
        }
    }

    private static long Long(ProtocolClient.Answer a, string name) => a.Body.GetProperty(name).GetInt64();

    [Fact]
    public async Task A_refund_sent_twice_with_one_id_is_one_refund_at_Alipay_and_in_the_ledger()
    {
        using var sale = new PaidSale("12500D", seed: 11);
        ProtocolClient.Answer first = await sale.RefundAsync(sale.OrderId + "-R1", 5000);
        ProtocolClient.Answer again = await sale.RefundAsync(sale.OrderId + "-R1", 5000);
        Assert.True(first.SignatureValid && again.SignatureValid);
        Assert.Equal((200, "REFUNDED", 5000L, 12500L), (first.Status, first.OrderStatus, Long(first, "refundedTotalMinor"), Long(first, "paidMinor")));
        Assert.Equal((200, "REFUNDED", 5000L), (again.Status, again.OrderStatus, Long(again, "refundedTotalMinor")));
        Assert.Equal((5000L, 1), (sale.Trade.RefundedMinor, sale.Trade.Refunds.Count));
        StoredRefund stored = Assert.Single(await sale.Terminal.Gateway.Store.ListRefundsAsync(sale.OrderId, 10));
        Assert.Equal((RefundStatus.Refunded, "manager", "returned goods"), (stored.Status, stored.Operator, stored.Reason));
        Assert.Equal(OrderStatus.Paid, sale.Terminal.Gateway.FindOrder(sale.OrderId)!.Status); // a refunded sale stays PAID

        ProtocolClient.Answer conflict = await sale.RefundAsync(sale.OrderId + "-R1", 4000);
        Assert.Equal((409, GatewayErrors.RefundConflict), (conflict.Status, conflict.Error));
    }

    [Fact]
    public async Task Partial_refunds_summing_past_the_paid_amount_are_refused_before_Alipay_is_asked()
    {
        using var sale = new PaidSale("10000D", seed: 12);
        Assert.Equal("REFUNDED", (await sale.RefundAsync("R-part-1", 6000)).OrderStatus);
        int alipayCalls = sale.Terminal.Alipay.Emulator.GatewayRequests;
        ProtocolClient.Answer over = await sale.RefundAsync("R-part-2", 4001);
        Assert.Equal((409, GatewayErrors.RefundExceedsPaid), (over.Status, over.Error));
        Assert.Equal(alipayCalls, sale.Terminal.Alipay.Emulator.GatewayRequests);
        Assert.Equal("REFUNDED", (await sale.RefundAsync("R-part-3", 4000)).OrderStatus);
        Assert.Equal(10000L, sale.Trade.RefundedMinor);
        ProtocolClient.Answer more = await sale.RefundAsync("R-part-4", 1);
        Assert.Equal((409, GatewayErrors.RefundExceedsPaid), (more.Status, more.Error));
    }

    [Fact]
    public async Task Refund_whose_Alipay_answers_are_lost_stays_pending_then_the_retry_with_the_same_id_settles_it_once()
    {
        using var sale = new PaidSale("8000D", seed: 13);
        // Alipay makes the refund every time but each answer is lost (three attempts per gateway call).
        for (int i = 0; i < 3; i++) sale.Terminal.Alipay.Emulator.Faults.Enqueue(AlipayFault.ApplyThenDropConnection, AlipayProtocol.ServiceRefund);
        ProtocolClient.Answer pending = await sale.RefundAsync("R-lost", 3000);
        Assert.Equal((200, "REFUND_PENDING"), (pending.Status, pending.OrderStatus)); // unknown is never "refunded"
        Assert.Equal((3000L, 1), (sale.Trade.RefundedMinor, sale.Trade.Refunds.Count));

        await sale.Terminal.Gateway.ReconcileAsync(); // the gateway asks again with the same partner_refund_id
        Assert.Equal("REFUNDED", (await sale.RefundAsync("R-lost", 3000)).OrderStatus);
        Assert.Equal((3000L, 1), (sale.Trade.RefundedMinor, sale.Trade.Refunds.Count));
    }

    [Fact]
    public async Task A_refund_of_an_unpaid_or_unknown_order_or_with_a_bad_reason_is_refused()
    {
        using var sale = new PaidSale("2500D", seed: 14);
        // An id of this terminal's form that the ledger never saw (another terminal's form is a bad request).
        string neverSeen = sale.OrderId[..sale.OrderId.LastIndexOf('-')] + "-999999";
        ProtocolClient.Answer unknown = await sale.Client.SendAsync(GatewayPaths.Refund, JsonSerializer.Serialize(new
        {
            orderId = neverSeen, refundId = "R-x", amountMinor = 100, currency = "NOK", reason = "", @operator = "manager",
        }));
        Assert.Equal((404, GatewayErrors.UnknownOrder, true), (unknown.Status, unknown.Error, unknown.SignatureValid));
        ProtocolClient.Answer badReason = await sale.Client.SendAsync(GatewayPaths.Refund, JsonSerializer.Serialize(new
        {
            orderId = sale.OrderId, refundId = "R-y", amountMinor = 100, currency = "NOK", reason = "ångrat köp", @operator = "manager",
        }));
        Assert.Equal((400, "bad_request"), (badReason.Status, badReason.Error));
        ProtocolClient.Answer badOperator = await sale.Client.SendAsync(GatewayPaths.Refund, JsonSerializer.Serialize(new
        {
            orderId = sale.OrderId, refundId = "R-z", amountMinor = 100, currency = "NOK", reason = "", @operator = "cashier",
        }));
        Assert.Equal((400, "bad_request"), (badOperator.Status, badOperator.Error));
        Assert.Empty(await sale.Terminal.Gateway.Store.ListRefundsAsync(null, 10));
        Assert.Equal(0L, sale.Trade.RefundedMinor);
    }
}
