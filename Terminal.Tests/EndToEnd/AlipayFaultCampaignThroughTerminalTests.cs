using System.Text.Json;
using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Gateway.Server.Load;
using Gateway.Server.Storage;
using Terminal.Config;
using Terminal.Gateway;
using Terminal.Simulator;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// A seeded campaign through the real virtual terminal, gateway server and Alipay emulator while the emulator fails
/// a quarter of its gateway.do requests (before or after carrying them out; the hanging faults are left to the
/// connector's own tests to keep the run short) and notifications are lost at random: sales paid or cancelled,
/// then refunds sent twice with one id. Counted: PAID on the panel for a sale Alipay does not hold as paid (false
/// PAID), refunds made twice or past the paid amount; at the end, after reconciliation, ledger and Alipay agree
/// on every order.
/// </summary>
public class AlipayFaultCampaignThroughTerminalTests
{
    private readonly ITestOutputHelper _output;

    public AlipayFaultCampaignThroughTerminalTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Seeded_Alipay_faults_through_the_terminal_give_no_false_PAID_no_double_refund_and_agreement()
    {
        const int seed = 20261130;
        var random = new Random(seed);
        using var t = VirtualTerminal.Start(new VirtualTerminalOptions
        {
            ThroughAlipay = true, ReconcileIntervalMs = 0, Seed = seed, TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0,
            WaitHoldMs = 1000, RetryDelayMs = 200, SlowGatewayMs = 300,
        });
        AlipayEmulator alipay = t.Alipay.Emulator;
        alipay.Faults.EnableRandom(seed, 0.25,
            AlipayFault.DropConnection, AlipayFault.HttpError, AlipayFault.SystemError, AlipayFault.ResultUnknown,
            AlipayFault.UnsignedRefusal, AlipayFault.ApplyThenDropConnection, AlipayFault.ApplyThenSystemError,
            AlipayFault.ApplyThenBadSignature, AlipayFault.ApplyThenUnsigned);
        int falsePaid = 0, paidOnPanel = 0, cancelledOnPanel = 0, noCode = 0;
        var sales = new List<string>();

        for (int sale = 0; sale < 10; sale++)
        {
            alipay.Notifications.Mode = random.NextDouble() < 0.3 ? NotificationMode.Never : NotificationMode.Immediate;
            t.WaitForScreen("amount", 30);
            t.PressKeys(random.Next(1, 999).ToString() + "00D");
            string orderId = t.State().OrderId!;
            sales.Add(orderId);
            t.WaitFor(() => t.State().Screen != "creating", TimeSpan.FromSeconds(30), "the create to end");
            if (t.State().Screen == "qr")
            {
                if (random.NextDouble() < 0.6) t.ScanAndPay();
                else t.PressKeys("A");
                // Let the reconciler settle what a lost notification or a faulted call left open.
                for (int round = 0; round < 20 && t.State().Screen == "qr"; round++)
                {
                    await t.Gateway.ReconcileAsync();
                    if (t.State().Screen == "qr" && round == 10) t.PressKeys("A");
                }
            }
            else
            {
                noCode++;
            }
            t.WaitFor(() => t.State().Screen is "paid" or "cancelled" or "expired" or "amount" or "failed" or "error",
                TimeSpan.FromSeconds(60), "the sale's end");
            string screen = t.State().Screen;
            if (screen == "paid")
            {
                paidOnPanel++;
                EmulatorTrade? trade = alipay.Ledger.Find(orderId);
                if (trade is not { Paid: true } || trade.RefundedMinor > 0) falsePaid++;
                t.PressKeys("D");
            }
            else if (screen == "cancelled")
            {
                cancelledOnPanel++;
                t.PressKeys("A"); // dismiss rather than wait for the screen's timeout
            }
            t.WaitForScreen("amount", 30);
        }

        // Refunds: each paid sale refunded in two parts, each part sent twice with its id, through the faults.
        TerminalConfig config = TerminalConfig.Parse(t.ProvisioningText(), out _)!;
        using var http = new HttpClient();
        var client = new ProtocolClient(http, t.Gateway.BaseUrl, config.TerminalIdText, config.TerminalKeyBytes);
        foreach (StoredOrder order in t.Gateway.AllOrders().Where(o => o.Status == OrderStatus.Paid))
        {
            long first = order.AmountMinor / 2;
            foreach ((string id, long amount) in new[] { (order.OrderId + "-R1", first), (order.OrderId + "-R2", order.AmountMinor - first) })
                for (int send = 0; send < 2; send++)
                    await client.SendAsync(GatewayPaths.Refund, JsonSerializer.Serialize(new
                    {
                        orderId = order.OrderId, refundId = id, amountMinor = amount, currency = order.Currency, reason = "campaign", @operator = "manager",
                    }));
        }

        // Reconcile without faults until nothing is open with Alipay, then compare both sides.
        alipay.Faults.DisableRandom();
        for (int round = 0; round < 5; round++) await t.Gateway.ReconcileAsync();
        int disagreements = 0, doubleRefunds = 0, overRefunds = 0;
        foreach (string orderId in sales)
        {
            StoredOrder ledger = t.Gateway.FindOrder(orderId)!;
            EmulatorTrade? trade = alipay.Ledger.Find(orderId);
            Assert.False(ledger.AcquirerOpen, orderId + " is still open with Alipay");
            bool alipayCharged = trade is { Paid: true } && trade.Refunds.All(r => !r.RefundId.StartsWith("cancel-", StringComparison.Ordinal));
            if ((ledger.Status == OrderStatus.Paid) != alipayCharged) disagreements++;
            if (trade == null) continue;
            if (trade.Refunds.GroupBy(r => r.RefundId).Any(g => g.Count() > 1)) doubleRefunds++;
            if (trade.RefundedMinor > trade.AmountMinor) overRefunds++;
            IReadOnlyList<StoredRefund> refunds = await t.Gateway.Store.ListRefundsAsync(orderId, 10);
            Assert.All(refunds, r => Assert.Equal(RefundStatus.Refunded, r.Status));
            Assert.Equal(refunds.Sum(r => r.AmountMinor), trade.Refunds.Where(r => !r.RefundId.StartsWith("cancel-", StringComparison.Ordinal)).Sum(r => r.AmountMinor));
        }
        _output.WriteLine($"sales {sales.Count}: PAID on the panel {paidOnPanel}, cancelled {cancelledOnPanel}, no code {noCode}; " +
                          $"faults injected {Enum.GetValues<AlipayFault>().Sum(f => alipay.Faults.InjectedCount(f))}; " +
                          $"false PAID {falsePaid}, double refunds {doubleRefunds}, over-refunds {overRefunds}, disagreements {disagreements}");
        Assert.Equal((0, 0, 0, 0), (falsePaid, doubleRefunds, overRefunds, disagreements));
        Assert.True(paidOnPanel > 0 && Enum.GetValues<AlipayFault>().Sum(f => alipay.Faults.InjectedCount(f)) > 0, "the campaign exercised payments and faults");
    }
}
