using System.Text;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Network;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>
/// Answers no honest gateway gives, from an in-memory gateway that signs what the test scripts: each is refused
/// with a stable error and a known state (Unknown, never Paid), and the client never throws.
/// </summary>
public class HostileResponseTests
{
    private const string Id = "T0001-0011223344556677-000001";
    private readonly FakeWallClock _clock = new(1_790_000_000);
    private readonly ScriptedTransport _transport;
    private readonly GatewayClient _client;
    private readonly GatewayReply _reply = new();

    public HostileResponseTests()
    {
        _transport = new ScriptedTransport(GatewayHarness.TerminalId, GatewayHarness.Key, () => _clock.UnixSeconds);
        var config = new GatewayConfig { TerminalId = GatewayHarness.TerminalId, Key = GatewayHarness.Key, RetryBackoffMs = 0, MaxAttempts = 2 };
        _client = new GatewayClient(config, _transport, _clock, new FakeClock(0), new Random(1));
    }

    private GatewayReply WaitAnswered(int status, byte[] body)
    {
        _transport.Script = (_, _) => (status, body);
        _client.WaitForOutcome(Id, 12500, "NOK", 0, _reply);
        return _reply;
    }

    private void AssertUnknown(string error)
    {
        Assert.Equal(GatewayOutcome.Unknown, _reply.Outcome);
        Assert.Equal(error, _reply.ErrorCode);
    }

    [Fact]
    public void A_correctly_signed_paid_answer_for_this_order_is_paid()
    {
        WaitAnswered(200, ScriptedTransport.Order(Id, "PAID"));
        Assert.Equal(GatewayOutcome.Paid, _reply.Outcome);
        Assert.Null(_reply.ErrorCode);
    }

    [Fact]
    public void Paid_for_another_order_id_is_refused_as_wrong_order()
    {
        WaitAnswered(200, ScriptedTransport.Order("T0001-0011223344556677-000002", "PAID"));
        AssertUnknown(GatewayErrors.WrongOrder);
    }

    [Theory]
    [InlineData(12400L, "NOK")]
    [InlineData(1250000L, "NOK")]
    [InlineData(12500L, "SEK")]
    public void Paid_with_another_amount_or_currency_is_refused_as_wrong_order(long amount, string currency)
    {
        WaitAnswered(200, ScriptedTransport.Order(Id, "PAID", amount, currency));
        AssertUnknown(GatewayErrors.WrongOrder);
    }

    [Theory]
    [InlineData("{\"orderId\":\"" + Id + "\",\"status\":\"paid\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expiresInSeconds\":1}")]
    [InlineData("{\"orderId\":\"" + Id + "\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expiresInSeconds\":1}")]
    [InlineData("{\"orderId\":\"" + Id + "\",\"status\":\"PAID\",\"amountMinor\":\"12500\",\"currency\":\"NOK\",\"expiresInSeconds\":1}")]
    [InlineData("{\"orderId\":\"" + Id + "\",\"status\":\"PAID\",\"amountMinor\":12500.0,\"currency\":\"NOK\",\"expiresInSeconds\":1}")]
    [InlineData("{\"orderId\":\"" + Id + "\",\"status\":\"PAID\",\"amountMinor\":12500,\"expiresInSeconds\":1}")]
    [InlineData("{\"orderId\":\"" + Id + "\",\"status\":\"PAID\",\"status\":\"PAID\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expiresInSeconds\":1}")]
    [InlineData("{\"orderId\":\"" + Id + "\",\"status\":\"PAID\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expiresInSeconds\":1")]
    [InlineData("PAID")]
    [InlineData("")]
    [InlineData("{\"orderId\":12,\"status\":\"PAID\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expiresInSeconds\":1}")]
    public void A_signed_but_malformed_paid_answer_is_refused_as_malformed(string body)
    {
        WaitAnswered(200, Encoding.UTF8.GetBytes(body));
        AssertUnknown(GatewayErrors.Malformed);
    }

    [Fact]
    public void An_unsigned_paid_answer_is_refused_as_unsigned()
    {
        _transport.SignAnswers = false;
        WaitAnswered(200, ScriptedTransport.Order(Id, "PAID"));
        AssertUnknown(GatewayErrors.Unsigned);
    }

    [Theory]
    [InlineData(301L)]
    [InlineData(-301L)]
    public void A_paid_answer_signed_outside_the_replay_window_is_refused_as_stale(long skewSeconds)
    {
        _transport.TimestampSkewSeconds = skewSeconds;
        WaitAnswered(200, ScriptedTransport.Order(Id, "PAID"));
        AssertUnknown(GatewayErrors.Stale);
    }

    [Fact]
    public void A_paid_answer_signed_with_another_key_is_refused_as_bad_signature()
    {
        var stranger = new ScriptedTransport(GatewayHarness.TerminalId, new byte[32], () => _clock.UnixSeconds)
        {
            Script = (_, _) => (200, ScriptedTransport.Order(Id, "PAID")),
        };
        var client = new GatewayClient(new GatewayConfig { TerminalId = GatewayHarness.TerminalId, Key = GatewayHarness.Key }, stranger,
            _clock, new FakeClock(0), new Random(2));
        client.WaitForOutcome(Id, 12500, "NOK", 0, _reply);
        AssertUnknown(GatewayErrors.BadSignature);
    }

    [Theory]
    [InlineData(302, GatewayErrors.HttpStatus)]
    [InlineData(500, GatewayErrors.Http5xx)]
    [InlineData(503, GatewayErrors.Http5xx)]
    public void Other_statuses_carrying_a_paid_body_are_unknown(int status, string error)
    {
        WaitAnswered(status, ScriptedTransport.Order(Id, "PAID"));
        AssertUnknown(error);
    }

    [Fact]
    public void A_signed_error_without_an_error_code_is_malformed()
    {
        WaitAnswered(404, Encoding.UTF8.GetBytes("{\"message\":\"x\"}"));
        AssertUnknown(GatewayErrors.Malformed);
    }

    [Theory]
    [InlineData(TransportError.Timeout, GatewayErrors.Timeout)]
    [InlineData(TransportError.ConnectFailed, GatewayErrors.Network)]
    [InlineData(TransportError.Reset, GatewayErrors.Network)]
    [InlineData(TransportError.ResponseTooLarge, GatewayErrors.TooLarge)]
    [InlineData(TransportError.Failed, GatewayErrors.Network)]
    public void Transport_errors_are_unknown_with_their_reason(int transportError, string error)
    {
        _transport.ReturnTransportError = transportError;
        WaitAnswered(200, ScriptedTransport.Order(Id, "PAID"));
        AssertUnknown(error);
    }

    [Fact]
    public void An_adapter_that_throws_is_unknown_network_not_a_crash()
    {
        _transport.Throw = true;
        _client.CreateOrder(Id, 12500, "NOK", 120, _reply);
        AssertUnknown(GatewayErrors.Network);
        Assert.Equal(2, _transport.Calls);
    }

    [Fact]
    public void A_created_answer_without_a_code_to_show_is_malformed()
    {
        _transport.Script = (_, _) => (200, ScriptedTransport.Order(Id, "PENDING", code: ""));
        _client.CreateOrder(Id, 12500, "NOK", 120, _reply);
        AssertUnknown(GatewayErrors.Malformed);
        Assert.Null(_reply.CodeText);
    }

    [Fact]
    public void An_order_id_too_long_for_the_request_buffer_is_refused_before_sending()
    {
        _client.CreateOrder(new string('x', 600), 12500, "NOK", 120, _reply);
        AssertUnknown(GatewayErrors.RequestTooLarge);
        Assert.Equal(0, _transport.Calls);
    }

    [Fact]
    public void A_reply_never_carries_the_previous_orders_values()
    {
        _transport.Script = (_, _) => (200, ScriptedTransport.Order(Id, "PENDING"));
        _client.CreateOrder(Id, 12500, "NOK", 120, _reply);
        Assert.NotNull(_reply.CodeText);
        _transport.ReturnTransportError = TransportError.Timeout;
        _client.CreateOrder("T0001-0011223344556677-000002", 100, "NOK", 120, _reply);
        Assert.Null(_reply.CodeText);
        Assert.Equal(0, _reply.AmountMinor);
    }

    [Fact]
    public void The_long_poll_cycle_allocates_nothing_in_the_client()
    {
        byte[] pending = ScriptedTransport.Order(Id, "PENDING");
        _transport.Script = (_, _) => (200, pending);
        for (int i = 0; i < 10; i++) _client.WaitForOutcome(Id, 12500, "NOK", 20000, _reply); // warm up
        Assert.Equal(GatewayOutcome.Pending, _reply.Outcome);

        long transportBefore = _transport.OwnAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        const int cycles = 200;
        for (int i = 0; i < cycles; i++) _client.WaitForOutcome(Id, 12500, "NOK", 20000, _reply);
        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        long transport = _transport.OwnAllocatedBytes - transportBefore;
        Assert.Equal(GatewayOutcome.Pending, _reply.Outcome);
        Assert.True(transport > 0); // the in-memory gateway allocates (signing with .NET), and is excluded
        Assert.Equal(0, total - transport);
    }
}
