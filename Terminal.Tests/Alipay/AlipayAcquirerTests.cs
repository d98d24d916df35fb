using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>The policy the gateway server calls (create, check, cancel, refund) against the emulator, with faults.</summary>
public class AlipayAcquirerTests
{
    [Fact]
    public async Task Create_retries_a_lost_answer_with_the_same_id_and_gives_the_one_code()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        h.Emulator.Faults.Enqueue(AlipayFault.ApplyThenDropConnection, AlipayProtocol.ServicePrecreate);
        h.Emulator.Faults.Enqueue(AlipayFault.SystemError, AlipayProtocol.ServicePrecreate);

        AcquirerCreateResult created = await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale");

        Assert.Equal(AcquirerVerdict.Pending, created.Verdict);
        Assert.Equal(h.Emulator.Ledger.Find("order-1")!.QrCode, created.Code);
        Assert.Single(h.Emulator.Ledger.All());
    }

    [Fact]
    public async Task A_create_that_stays_unknown_is_settled_by_cancel_and_its_code_can_never_be_paid()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        for (int i = 0; i < 3; i++) h.Emulator.Faults.Enqueue(AlipayFault.ApplyThenUnsigned, AlipayProtocol.ServicePrecreate);

        AcquirerCreateResult created = await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale");
        AcquirerVerdict cancelled = await acquirer.CancelAsync("order-1", 12500, "NOK");

        Assert.Equal(AcquirerVerdict.Unknown, created.Verdict);
        Assert.Equal("", created.Code);
        Assert.Equal(AcquirerVerdict.Closed, cancelled);
        Assert.Equal(WalletPayStatus.Closed, await h.Emulator.PayAsync(h.Emulator.Ledger.Find("order-1")!.QrCode));
    }

    [Fact]
    public async Task Creating_an_order_that_was_paid_meanwhile_answers_paid()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        await h.Emulator.PayAsync((await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale")).Code);

        AcquirerCreateResult again = await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale");

        Assert.Equal(AcquirerVerdict.Paid, again.Verdict);
    }

    [Fact]
    public async Task Cancelling_a_paid_order_answers_paid_and_does_not_reverse_it()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        await h.Emulator.PayAsync((await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale")).Code);

        AcquirerVerdict verdict = await acquirer.CancelAsync("order-1", 12500, "NOK");

        Assert.Equal(AcquirerVerdict.Paid, verdict);
        EmulatorTrade trade = h.Emulator.Ledger.Find("order-1")!;
        Assert.Equal("TRADE_SUCCESS", trade.TradeStatus);
        Assert.Empty(trade.Refunds);
    }

    [Fact]
    public async Task A_payment_landing_between_the_query_and_the_cancel_is_reversed_and_said_so()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        string code = (await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale")).Code;
        h.Emulator.BeforeService = async service =>
        {
            if (service == AlipayProtocol.ServiceCancel) await h.Emulator.PayAsync(code);
        };

        AcquirerVerdict verdict = await acquirer.CancelAsync("order-1", 12500, "NOK");

        Assert.Equal(AcquirerVerdict.Reversed, verdict);
        EmulatorTrade trade = h.Emulator.Ledger.Find("order-1")!;
        Assert.True(trade.Paid);
        Assert.Equal(trade.AmountMinor, trade.RefundedMinor);
        Assert.Equal("TRADE_CLOSED", h.Recorder.StatusOf("order-1"));
    }

    [Fact]
    public async Task Cancel_retries_through_faults_and_an_order_alipay_never_saw_is_closed()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        string code = (await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale")).Code;
        h.Emulator.Faults.Enqueue(AlipayFault.ApplyThenSystemError, AlipayProtocol.ServiceCancel);

        Assert.Equal(AcquirerVerdict.Closed, await acquirer.CancelAsync("order-1", 12500, "NOK"));
        Assert.Equal(AcquirerVerdict.Closed, await acquirer.CancelAsync("order-never", 12500, "NOK"));
        Assert.Equal(WalletPayStatus.Closed, await h.Emulator.PayAsync(code));
    }

    [Fact]
    public async Task Check_reads_a_trade_not_yet_visible_as_pending_and_faults_as_unknown()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        h.Emulator.Ledger.HideUnscannedTradesFromQuery = true;
        string code = (await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale")).Code;

        Assert.Equal(AcquirerVerdict.Pending, await acquirer.CheckAsync("order-1", 12500, "NOK"));
        await h.Emulator.PayAsync(code);
        h.Emulator.Faults.Enqueue(AlipayFault.ApplyThenBadSignature, AlipayProtocol.ServiceQuery);
        Assert.Equal(AcquirerVerdict.Unknown, await acquirer.CheckAsync("order-1", 12500, "NOK"));
        Assert.Equal(AcquirerVerdict.Paid, await acquirer.CheckAsync("order-1", 12500, "NOK"));
    }

    [Fact]
    public async Task Refund_retries_with_the_same_id_and_makes_one_refund()
    {
        await using var h = await AlipayHarness.StartAsync();
        var acquirer = new AlipayAcquirer(h.Client);
        await h.Emulator.PayAsync((await acquirer.CreateAsync("order-1", 12500, "NOK", "Counter sale")).Code);
        h.Emulator.Faults.Enqueue(AlipayFault.ApplyThenDropConnection, AlipayProtocol.ServiceRefund);
        h.Emulator.Faults.Enqueue(AlipayFault.ApplyThenSystemError, AlipayProtocol.ServiceRefund);

        AlipayRefundResult refund = await acquirer.RefundAsync("order-1", "refund-1", 2000, "NOK", "returned");

        Assert.Equal(RefundOutcome.Refunded, refund.Outcome);
        Assert.Equal(2000, Assert.Single(h.Emulator.Ledger.Find("order-1")!.Refunds).AmountMinor);
    }
}
