using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>Alipay failing the ways it fails: every fault gives Unknown, never Created, Paid, Closed or Refunded.</summary>
public class AlipayFaultTests
{
    public static readonly TheoryData<AlipayFault> AllFaults = new()
    {
        AlipayFault.DropConnection, AlipayFault.HttpError, AlipayFault.Timeout, AlipayFault.SystemError,
        AlipayFault.ResultUnknown, AlipayFault.UnsignedRefusal, AlipayFault.ApplyThenDropConnection,
        AlipayFault.ApplyThenTimeout, AlipayFault.ApplyThenSystemError, AlipayFault.ApplyThenBadSignature,
        AlipayFault.ApplyThenUnsigned,
    };

    // Short, so the two timeout faults cost a fraction of a second; long enough for a loaded 2-core machine.
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMilliseconds(700);

    [Theory]
    [MemberData(nameof(AllFaults))]
    public async Task A_faulted_precreate_is_unknown_and_a_retry_with_the_same_id_gives_one_order(AlipayFault fault)
    {
        await using var h = await AlipayHarness.StartAsync(ClientTimeout);
        h.Emulator.Faults.Enqueue(fault, AlipayProtocol.ServicePrecreate);

        AlipayPrecreateResult faulted = await h.Client.PrecreateAsync("order-1", 12500, "NOK", "Counter sale");
        AlipayPrecreateResult retry = await h.Patient.PrecreateAsync("order-1", 12500, "NOK", "Counter sale");

        Assert.Equal(PrecreateOutcome.Unknown, faulted.Outcome);
        Assert.Equal("", faulted.QrCode);
        Assert.Equal(PrecreateOutcome.Created, retry.Outcome);
        Assert.Single(h.Emulator.Ledger.All());
    }

    [Theory]
    [MemberData(nameof(AllFaults))]
    public async Task A_faulted_query_of_a_paid_order_is_unknown_never_paid_and_never_closed(AlipayFault fault)
    {
        await using var h = await AlipayHarness.StartAsync(ClientTimeout);
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));
        h.Emulator.Faults.Enqueue(fault, AlipayProtocol.ServiceQuery);

        AlipayQueryResult faulted = await h.Client.QueryAsync("order-1", 12500, "NOK");

        Assert.Equal(QueryOutcome.Unknown, faulted.Outcome);
        Assert.Equal(QueryOutcome.Paid, (await h.Patient.QueryAsync("order-1", 12500, "NOK")).Outcome);
    }

    [Theory]
    [MemberData(nameof(AllFaults))]
    public async Task A_faulted_query_of_an_unpaid_order_is_unknown_never_paid(AlipayFault fault)
    {
        await using var h = await AlipayHarness.StartAsync(ClientTimeout);
        await h.CreateAsync("order-1", 12500);
        h.Emulator.Faults.Enqueue(fault, AlipayProtocol.ServiceQuery);

        AlipayQueryResult faulted = await h.Client.QueryAsync("order-1", 12500, "NOK");

        Assert.Equal(QueryOutcome.Unknown, faulted.Outcome);
        Assert.Equal(QueryOutcome.WaitingForPayment, (await h.Patient.QueryAsync("order-1", 12500, "NOK")).Outcome);
    }

    [Theory]
    [MemberData(nameof(AllFaults))]
    public async Task A_faulted_cancel_is_unknown_and_cancelling_again_settles_it(AlipayFault fault)
    {
        await using var h = await AlipayHarness.StartAsync(ClientTimeout);
        string code = await h.CreateAsync("order-1", 12500);
        h.Emulator.Faults.Enqueue(fault, AlipayProtocol.ServiceCancel);

        AlipayCancelResult faulted = await h.Client.CancelAsync("order-1");
        AlipayCancelResult again = await h.Patient.CancelAsync("order-1");

        Assert.Equal(CancelOutcome.Unknown, faulted.Outcome);
        Assert.Equal(CancelOutcome.Closed, again.Outcome);
        Assert.Equal(WalletPayStatus.Closed, await h.Emulator.PayAsync(code));
    }

    [Theory]
    [MemberData(nameof(AllFaults))]
    public async Task A_faulted_refund_is_unknown_and_never_made_twice(AlipayFault fault)
    {
        await using var h = await AlipayHarness.StartAsync(ClientTimeout);
        await h.Emulator.PayAsync(await h.CreateAsync("order-1", 12500));
        h.Emulator.Faults.Enqueue(fault, AlipayProtocol.ServiceRefund);

        AlipayRefundResult faulted = await h.Client.RefundAsync("order-1", "refund-1", 2500, "NOK", "");
        AlipayRefundResult again = await h.Patient.RefundAsync("order-1", "refund-1", 2500, "NOK", "");

        Assert.Equal(RefundOutcome.Unknown, faulted.Outcome);
        Assert.Equal(RefundOutcome.Refunded, again.Outcome);
        Assert.Equal(2500, h.Emulator.Ledger.Find("order-1")!.RefundedMinor);
    }

    [Fact]
    public async Task Nothing_listening_at_the_gateway_address_is_unknown()
    {
        await using var h = await AlipayHarness.StartAsync(ClientTimeout);
        AlipayOptions options = AlipayConnectorTests.CopyOf(h.Options);
        // A port that was free a moment ago: connection refused.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        options.GatewayUrl = "http://127.0.0.1:" + port + "/gateway.do";
        using AlipayClient client = h.NewClient(options);

        AlipayPrecreateResult result = await client.PrecreateAsync("order-1", 12500, "NOK", "Counter sale");

        Assert.Equal(PrecreateOutcome.Unknown, result.Outcome);
        Assert.Equal(AlipayUnknownReason.Network, result.ErrorCode);
    }
}
