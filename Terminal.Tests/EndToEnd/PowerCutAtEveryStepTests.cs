using Terminal.Simulator;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// Issue 14: a power cut at each distinct step of a sale, against the real gateway server over loopback (the
/// faults are its test fault injector's: a held, dropped or unanswered request - never a canned reply). After the
/// restart the panel's outcome matches the gateway's ledger, the sale journal ends empty and the terminal
/// takes the next sale.
/// </summary>
public class PowerCutAtEveryStepTests
{
    public static TheoryData<string> Steps() => new()
    {
        "journal written, create never arrived",
        "create in flight",
        "create recorded but reply lost",
        "QR shown",
        "payment in flight",
        "PAID shown before acknowledgement",
        "cancel in flight",
        "journal clear in flight",
    };

    private static VirtualTerminal Start() => VirtualTerminal.Start(new VirtualTerminalOptions
    {
        Seed = 77,
        TechnicianPin = "2468",
        PaidAcknowledgeGuardMs = 0,
        WaitHoldMs = 1000,
        RetryDelayMs = 200,
    });

    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(VirtualTerminal.DefaultWaitSeconds);

    /// <summary>Waits until the gateway has injected one more of this fault (the request it was meant for arrived).</summary>
    private static void WaitForInjected(VirtualTerminal t, GatewayFault fault, int before) =>
        t.WaitFor(() => t.Gateway.Faults!.InjectedCount(fault) > before, Soon, fault + " injected");

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_power_cut_at_this_step_ends_with_the_ledgers_outcome_an_empty_journal_and_a_working_terminal(string step)
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.Gateway.Faults!.DelayMs = 60_000; // a held request waits for the cut (its connection closing ends the hold)
        string orderId = CutPowerAt(t, step);

        // After the restart: the sale is settled and its outcome shown, as the ledger has it.
        t.WaitFor(() => t.State().Screen is "paid" or "cancelled" or "expired" or "failed", Soon * 2, "the recovered outcome");
        var order = t.Gateway.FindOrder(orderId);
        Assert.NotNull(order);
        string expectedScreen = order!.Status switch { "PAID" => "paid", "CANCELLED" => "cancelled", "EXPIRED" => "expired", _ => "?" };
        Assert.Equal((step, expectedScreen), (step, t.State().Screen));
        Assert.True(order.Payments <= 1, "paid twice");
        Assert.Equal(1, t.Gateway.AllOrders().Count(o => o.OrderId == orderId));
        Assert.DoesNotContain(t.Gateway.AllOrders(), o => o.Status == "PENDING"); // nothing left payable

        t.PressKeys("D");
        t.WaitForScreen("amount");
        Assert.Null(t.JournalFlash.Read());

        // The next sale goes through.
        t.PressKeys("100D");
        t.WaitForScreen("qr");
        string next = t.State().OrderId!;
        Assert.True(t.ScanAndPay().Paid);
        t.WaitForScreen("paid");
        t.PressKeys("D");
        t.WaitForScreen("amount");
        Assert.Equal("PAID", t.Gateway.FindOrder(next)!.Status);
        Assert.Null(t.JournalFlash.Read());
    }

    /// <summary>Drives a sale to the step, cuts the power there and returns the sale's order id.</summary>
    private static string CutPowerAt(VirtualTerminal t, string step)
    {
        var faults = t.Gateway.Faults!;
        string orderId;
        switch (step)
        {
            case "journal written, create never arrived":
            {
                int before = faults.InjectedCount(GatewayFault.DropRequest);
                faults.Enqueue(GatewayFault.DropRequest, "/v1/orders/create");
                faults.Enqueue(GatewayFault.Delay, "/v1/orders/create"); // the retry is held until the cut
                t.PressKeys("1500D");
                WaitForInjected(t, GatewayFault.DropRequest, before);
                orderId = t.State().OrderId!;
                Assert.Null(t.Gateway.FindOrder(orderId));
                break;
            }
            case "create in flight":
            {
                int before = faults.InjectedCount(GatewayFault.Delay);
                faults.Enqueue(GatewayFault.Delay, "/v1/orders/create");
                t.PressKeys("1600D");
                WaitForInjected(t, GatewayFault.Delay, before);
                orderId = t.State().OrderId!;
                break;
            }
            case "create recorded but reply lost":
            {
                int before = faults.InjectedCount(GatewayFault.Delay);
                faults.Enqueue(GatewayFault.DropResponse, "/v1/orders/create");
                faults.Enqueue(GatewayFault.Delay, "/v1/orders/create");
                t.PressKeys("1700D");
                WaitForInjected(t, GatewayFault.Delay, before);
                orderId = t.State().OrderId!;
                Assert.NotNull(t.Gateway.FindOrder(orderId)); // recorded at the gateway
                break;
            }
            case "QR shown":
                t.PressKeys("1800D");
                t.WaitForScreen("qr");
                orderId = t.State().OrderId!;
                break;
            case "payment in flight":
            {
                int before = faults.InjectedCount(GatewayFault.Delay);
                faults.Enqueue(GatewayFault.Delay, "/v1/orders/wait"); // the poll never reports the payment
                t.PressKeys("1900D");
                t.WaitForScreen("qr");
                WaitForInjected(t, GatewayFault.Delay, before);
                orderId = t.State().OrderId!;
                Assert.True(t.ScanAndPay().Paid);
                break;
            }
            case "PAID shown before acknowledgement":
                t.PressKeys("2000D");
                t.WaitForScreen("qr");
                orderId = t.State().OrderId!;
                Assert.True(t.ScanAndPay().Paid);
                t.WaitForScreen("paid");
                break;
            case "cancel in flight":
            {
                t.PressKeys("2100D");
                t.WaitForScreen("qr");
                orderId = t.State().OrderId!;
                int before = faults.InjectedCount(GatewayFault.Delay);
                faults.Enqueue(GatewayFault.Delay, "/v1/orders/cancel");
                t.PressKeys("A");
                WaitForInjected(t, GatewayFault.Delay, before);
                break;
            }
            case "journal clear in flight":
                t.PressKeys("2200D");
                t.WaitForScreen("qr");
                orderId = t.State().OrderId!;
                Assert.True(t.ScanAndPay().Paid);
                t.WaitForScreen("paid");
                t.JournalFlash.FailWrites = true; // the clearing write never reaches the flash
                t.PressKeys("D");
                t.WaitForScreen("amount");
                t.JournalFlash.FailWrites = false;
                break;
            default:
                throw new ArgumentException(step);
        }
        t.PowerCycle();
        faults.ClearQueue();
        return orderId;
    }
}
