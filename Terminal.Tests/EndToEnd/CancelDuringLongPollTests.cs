using System.Diagnostics;
using Terminal.Simulator;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// Issue 14, defect 4: Cancel on the QR screen goes out at once - the runner ends the long poll the worker
/// holds - and the cashier sees within a second either CANCELLED or, if the tourist paid first, PAID. The
/// virtual terminal over real loopback HTTP; the gateway's hold is long (20 s) so a cancel queued behind it
/// could not pass.
/// </summary>
public class CancelDuringLongPollTests
{
    private const int LongHoldMs = 20_000;
    private static readonly TimeSpan CashierSeesItWithin = TimeSpan.FromSeconds(1);

    private static VirtualTerminal Start(int seed) => VirtualTerminal.Start(new VirtualTerminalOptions
    {
        Seed = seed,
        TechnicianPin = "2468",
        PaidAcknowledgeGuardMs = 0,
        WaitHoldMs = LongHoldMs,
        RetryDelayMs = 200,
    });

    /// <summary>From a Stopwatch timestamp taken before Cancel was pressed to the frame that showed the screen.</summary>
    private static TimeSpan Since(long startTimestamp, VirtualTerminal t, int screenId) =>
        Stopwatch.GetElapsedTime(startTimestamp, t.FlushTimestamp(screenId));

    [Fact]
    public void Cancel_while_the_gateway_holds_the_long_poll_is_sent_at_once_and_shows_cancelled_within_a_second()
    {
        using var t = Start(seed: 41);
        t.WaitForScreen("amount");
        t.PressKeys("5000D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        t.WaitFor(() => t.Gateway.ActiveWaits == 1, TimeSpan.FromSeconds(10), "the gateway holding the long poll");

        long pressed = Stopwatch.GetTimestamp();
        t.PressKeys("A");
        t.WaitForScreen("cancelled", 5); // queued behind the poll it would take the whole 20 s hold
        Assert.InRange(Since(pressed, t, ScreenId.Cancelled), TimeSpan.Zero, CashierSeesItWithin);
        Assert.Equal("CANCELLED", t.Gateway.FindOrder(orderId)!.Status);

        var late = t.Phone.Pay(t.Gateway.FindOrder(orderId)!.Code);
        Assert.False(late.Paid); // the code died with the cancel: no sale shown cancelled can turn out paid
        Assert.Equal("cancelled", t.State().Screen);
        t.PressKeys("D");
        t.WaitForScreen("amount");
    }

    [Fact]
    public void When_the_tourist_paid_just_before_Cancel_the_cashier_sees_PAID_within_a_second()
    {
        using var t = Start(seed: 42);
        t.WaitForScreen("amount");
        t.Gateway.Faults!.DelayMs = 60_000;
        t.Gateway.Faults!.Enqueue(GatewayFault.Delay, "/v1/orders/wait"); // the poll will not report the payment
        t.PressKeys("7700D");
        t.WaitForScreen("qr");
        string orderId = t.State().OrderId!;
        var paid = t.ScanAndPay();
        Assert.True(paid.Paid, paid.Error);

        long pressed = Stopwatch.GetTimestamp();
        t.PressKeys("A");
        t.WaitForScreen("paid", 5);
        Assert.InRange(Since(pressed, t, ScreenId.Paid), TimeSpan.Zero, CashierSeesItWithin);
        var order = t.Gateway.FindOrder(orderId)!;
        Assert.Equal(("PAID", 1), (order.Status, order.Payments));
        t.Gateway.Faults!.ReleaseDelayed();
    }
}
