using Terminal.Simulator;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// Whole transactions through the virtual hardware: keys typed on the virtual membrane matrix, read by the
/// real keypad driver; the app; the real gateway client over loopback HTTP to the gateway server; the QR drawn by
/// the real panel driver into the virtual SSD1306 and read back from its glass by the tourist's phone.
/// </summary>
public class TransactionTests
{
    private static VirtualTerminal Start(string currency = "NOK", int language = 0, int seed = 1, bool manualClock = false,
        int panel = Terminal.Drivers.Display.PanelController.Ssd1306) =>
        VirtualTerminal.Start(new VirtualTerminalOptions
        {
            PanelController = panel,
            ManualGatewayClock = manualClock,
            Currency = currency,
            Language = language,
            Seed = seed,
            TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0,
            WaitHoldMs = 1000,
            RetryDelayMs = 200,
            SlowGatewayMs = 300,
        });

    private static LedgerOrderView Ledger(VirtualTerminal t, string orderId)
    {
        var order = t.Gateway.FindOrder(orderId);
        Assert.NotNull(order);
        int entries = t.Gateway.AllOrders().Count(o => o.OrderId == orderId);
        return new LedgerOrderView(order!.Status, order.AmountMinor, order.Currency, entries, order.Code, order.Payments);
    }

    /// <summary>Creates counts the ledger's entries for the id: more than one would be a double order.</summary>
    private sealed record LedgerOrderView(string Status, long AmountMinor, string Currency, int Creates, string Code, int Payments);

    [Theory]
    [InlineData("NOK", "12500D", 12500)]
    [InlineData("SEK", "4990D", 4990)]
    [InlineData("EUR", "1C", 100)]
    [InlineData("ISK", "15000D", 15000)]
    public void Keys_to_QR_to_wallet_payment_to_PAID_on_the_panel(string currency, string keys, long expectedMinor)
    {
        using var t = Start(currency);
        t.WaitForScreen("amount");
        t.PressKeys(keys.EndsWith('D') ? keys : keys + "D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;

        var paid = t.ScanAndPay();
        Assert.True(paid.Paid, paid.Error);
        t.WaitForScreen("paid");

        var ledger = Ledger(t, orderId);
        Assert.Equal(("PAID", expectedMinor, currency, 1), (ledger.Status, ledger.AmountMinor, ledger.Currency, ledger.Creates));
        Assert.Equal(ledger.Code, paid.Code); // the phone read exactly the gateway's code off the glass

        t.PressKeys("D"); // acknowledge
        t.WaitForScreen("amount");
    }

    [Fact]
    public void The_same_sale_on_a_1_3_inch_SH1106_panel_in_English()
    {
        using var t = Start("EUR", language: Terminal.Language.English, panel: Terminal.Drivers.Display.PanelController.Sh1106, seed: 7);
        t.WaitForScreen("amount");
        t.PressKeys("1999D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        var paid = t.ScanAndPay();
        Assert.True(paid.Paid, paid.Error);
        t.WaitForScreen("paid");
        Assert.Equal(("PAID", 1999L, "EUR"), (Ledger(t, orderId).Status, Ledger(t, orderId).AmountMinor, Ledger(t, orderId).Currency));
    }

    [Fact]
    public void The_technicians_self_test_runs_on_the_worker_and_its_verdict_reaches_the_panel()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.PressKeys("*2468D5");
        var model = t.Terminal.Model;
        t.WaitFor(() => model.MenuLineCount >= 2 && model.MenuLines[1].StartsWith("PASS ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20), "the self-test's verdict on the result page");
        Assert.Equal("Selvtest", model.MenuLines[0]);
        Assert.Equal(Terminal.App.RequestKind.None, t.Terminal.App.RequestInFlight);
    }

    [Fact]
    public void A_slow_gateway_is_shown_while_creating_and_the_code_follows()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.Gateway.Faults!.DelayMs = 60_000; // held until released below, inside the client's 10 s timeout
        t.Gateway.Faults!.Enqueue(GatewayFault.Delay, Terminal.Gateway.GatewayPaths.Create);
        t.PressKeys("4200D");
        t.WaitFor(() => t.Terminal.Model.Reason == Terminal.Ui.Reason.GatewayTimeout && t.State().Screen == "creating",
            TimeSpan.FromSeconds(10), "the creating screen to say the gateway is slow");
        t.Gateway.Faults!.ReleaseDelayed();
        t.WaitForScreen("qr", 15);
        Assert.Equal(1, Ledger(t, t.State().OrderId!).Creates);
    }

    [Fact]
    public void Cancel_pressed_while_creating_leaves_no_payable_code()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.Gateway.Faults!.DelayMs = 60_000; // held until the cashier has pressed Cancel
        t.Gateway.Faults!.Enqueue(GatewayFault.Delay, Terminal.Gateway.GatewayPaths.Create);
        t.PressKeys("6600D");
        string orderId = t.State().OrderId!;
        t.PressKeys("A");
        t.WaitForScreen("closing");
        t.Gateway.Faults!.ReleaseDelayed();
        t.WaitForScreen("cancelled", 20);
        Assert.Equal("CANCELLED", Ledger(t, orderId).Status);
        Assert.StartsWith("https://qr.alipay.com/", Ledger(t, orderId).Code);
        var late = t.Phone.Pay(Ledger(t, orderId).Code);
        Assert.False(late.Paid);
        Assert.InRange(late.HttpStatus, 400, 499);
    }

    [Fact]
    public void Cancel_on_the_QR_screen_closes_the_order_and_the_wallet_then_refuses_the_code()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.PressKeys("5000D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        bool[] glassWithCode = t.Glass();

        t.PressKeys("A");
        t.WaitForScreen("cancelled");
        Assert.Equal("CANCELLED", Ledger(t, orderId).Status);

        string? code = TouristPhone.ReadCode((x, y) => glassWithCode[y * 128 + x], 128, 64);
        Assert.Equal(Ledger(t, orderId).Code, code); // the phone had really read the code
        var late = t.Phone.Pay(code!);
        Assert.False(late.Paid);
        Assert.InRange(late.HttpStatus, 400, 499);
    }

    [Fact]
    public void A_code_the_gateway_expires_ends_as_expired_and_cannot_be_paid()
    {
        using var t = Start(manualClock: true);
        t.WaitForScreen("amount");
        t.PressKeys("700D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        t.Gateway.AdvanceClock(125); // past the 120 s expiry, inside the 300 s signature window
        t.WaitForScreen("expired");
        Assert.Equal("EXPIRED", Ledger(t, orderId).Status);
    }

    [Fact]
    public void Network_loss_while_the_code_is_shown_keeps_the_code_and_PAID_arrives_when_it_returns()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.PressKeys("2500D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        for (int i = 0; i < 4; i++) t.Gateway.Faults!.Enqueue(GatewayFault.DropRequest);
        // The long poll in flight ends after its hold; the next ones are dropped: the network is gone.
        t.WaitFor(() => t.Gateway.Faults!.InjectedCount(GatewayFault.DropRequest) >= 2, TimeSpan.FromSeconds(20), "two dropped polls");
        Assert.Equal("qr", t.State().Screen); // the code stays up: the tourist may still pay
        var paid = t.ScanAndPay();
        Assert.True(paid.Paid, paid.Error);
        t.WaitForScreen("paid", 20);
        Assert.Equal(4, t.Gateway.Faults!.InjectedCount(GatewayFault.DropRequest));
        Assert.Equal(("PAID", 1), (Ledger(t, orderId).Status, Ledger(t, orderId).Creates));
    }

    [Fact]
    public void Cancel_during_network_loss_is_retried_until_the_gateway_confirms()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.PressKeys("300D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        for (int i = 0; i < 12; i++) t.Gateway.Faults!.Enqueue(GatewayFault.DropRequest);
        t.PressKeys("A");
        t.WaitForScreen("network-error", 20);
        t.WaitForScreen("cancelled", 30);
        Assert.Equal("CANCELLED", Ledger(t, orderId).Status);
    }

    [Fact]
    public void A_power_cut_after_the_tourist_paid_shows_the_recovered_PAID_after_restart()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.PressKeys("8800D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        var paid = t.ScanAndPay();
        Assert.True(paid.Paid);
        t.PowerCycle(); // whether or not the PAID reached the panel before the power went
        // A paid order is no longer open at the gateway: the terminal finds it through the order id it kept in
        // flash, and shows PAID until the cashier acknowledges it - the tourist is never asked to pay twice.
        t.WaitForScreen("paid", 20);
        Assert.Equal(orderId, t.State().OrderId);
        t.PressKeys("D");
        t.WaitForScreen("amount");
        Assert.Equal(("PAID", 1, 1), (Ledger(t, orderId).Status, Ledger(t, orderId).Creates, Ledger(t, orderId).Payments));
    }

    [Fact]
    public void A_power_cut_with_the_code_up_settles_the_open_order_after_restart()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        t.PressKeys("1990D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        t.PowerCycle();
        t.WaitForScreen("cancelled", 20); // recovered outcome shown until acknowledged
        Assert.Equal("CANCELLED", Ledger(t, orderId).Status);
        t.PressKeys("D");
        t.WaitForScreen("amount");
        Assert.Equal(1, Ledger(t, orderId).Creates);
    }

    [Fact]
    public void An_idle_terminal_allocates_nothing()
    {
        using var t = Start();
        t.WaitForScreen("amount");
        long steps = t.LoopSteps;
        t.WaitFor(() => t.LoopSteps > steps + 5, TimeSpan.FromSeconds(10), "a few idle loop passes");
        long before = t.UiAllocatedBytes;
        long from = t.LoopSteps;
        t.WaitFor(() => t.LoopSteps > from + 100, TimeSpan.FromSeconds(20), "100 idle loop passes");
        Assert.Equal(0, t.UiAllocatedBytes - before);
    }
}
