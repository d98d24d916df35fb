using System.Net;
using System.Text;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Network;
using Terminal.Gateway;
using Terminal.Host;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>Every flow of docs/gateway-protocol.md between the real client and the gateway server (Gateway.Server on SQLite) over loopback HTTP.</summary>
public class GatewayFlowTests : IDisposable
{
    private readonly GatewayHarness _h = new(seed: 11, requestTimeoutMs: 4000, waitMarginMs: 3000); // generous: the suite runs in parallel on 2 cores

    public void Dispose() => _h.Dispose();

    private GatewayReply Wait(string orderId, int holdMs = 0, long amount = 12500, string currency = "NOK")
    {
        var reply = new GatewayReply();
        _h.Client.WaitForOutcome(orderId, amount, currency, holdMs, reply);
        return reply;
    }

    private GatewayReply Cancel(string orderId, long amount = 12500, string currency = "NOK")
    {
        var reply = new GatewayReply();
        _h.Client.CancelOrder(orderId, amount, currency, reply);
        return reply;
    }

    [Fact]
    public void An_order_is_created_with_an_alipay_shaped_code_and_becomes_paid_when_the_wallet_pays()
    {
        string id = _h.Ids.Next();
        var created = _h.Create(id, 12500, "NOK");
        Assert.Equal(GatewayOutcome.Pending, created.Outcome);
        Assert.StartsWith("https://qr.alipay.com/", created.CodeText);
        Assert.InRange(created.CodeText.Length, 40, 50);
        Assert.Equal(120, created.ExpiresInSeconds);
        Assert.Equal(GatewayOutcome.Pending, Wait(id).Outcome);

        Assert.Equal((200, (string?)null), _h.Pay(created.CodeText));
        var paid = Wait(id);
        Assert.Equal(GatewayOutcome.Paid, paid.Outcome);
        Assert.Equal(12500, paid.AmountMinor);
        var order = _h.Gateway.FindOrder(id)!;
        Assert.Equal(("PAID", 1, 1), (order.Status, order.CreateRequests, order.Payments));
    }

    [Fact]
    public async Task A_long_poll_answers_paid_as_soon_as_the_wallet_pays_not_at_the_end_of_its_hold()
    {
        string id = _h.Ids.Next();
        var created = _h.Create(id);
        var poll = Task.Run(() => Wait(id, holdMs: 25_000)); // the protocol's longest hold
        SpinWait.SpinUntil(() => _h.Gateway.ActiveWaits > 0, 10_000);
        Assert.Equal(200, _h.Pay(created.CodeText).Status);
        var reply = await poll.WaitAsync(TimeSpan.FromSeconds(20)); // throws if the answer waited for the hold's end
        Assert.Equal(GatewayOutcome.Paid, reply.Outcome);
    }

    [Fact]
    public void A_long_poll_with_no_payment_answers_pending_when_its_hold_ends()
    {
        string id = _h.Ids.Next();
        _h.Create(id);
        var reply = Wait(id, holdMs: 50);
        Assert.Equal(GatewayOutcome.Pending, reply.Outcome);
        Assert.Null(reply.ErrorCode);
    }

    [Fact]
    public void A_create_whose_answer_was_lost_is_retried_with_the_same_id_and_returns_the_same_order_and_code()
    {
        string id = _h.Ids.Next();
        _h.Gateway.Faults!.Enqueue(GatewayFault.DropResponse, GatewayPaths.Create);
        _h.Gateway.Faults!.Enqueue(GatewayFault.ServerError, GatewayPaths.Create);
        var created = _h.Create(id);
        Assert.Equal(GatewayOutcome.Pending, created.Outcome);
        Assert.Equal(3, created.Attempts);
        var order = _h.Gateway.FindOrder(id)!;
        Assert.Equal(2, order.CreateRequests); // the dropped answer's create and the retry; the 503 never reached the ledger
        Assert.Equal(order.Code, created.CodeText);
        Assert.Single(_h.Gateway.AllOrders(), o => o.OrderId == id);

        var again = _h.Create(id);
        Assert.Equal(created.CodeText, again.CodeText);
    }

    [Fact]
    public void Cancelling_a_pending_order_cancels_it_and_the_wallet_then_refuses_its_code()
    {
        string id = _h.Ids.Next();
        var created = _h.Create(id);
        Assert.Equal(GatewayOutcome.Cancelled, Cancel(id).Outcome);
        Assert.Equal(GatewayOutcome.Cancelled, Wait(id).Outcome);
        Assert.Equal((410, "cancelled"), _h.Pay(created.CodeText));
        Assert.Equal("CANCELLED", _h.Gateway.FindOrder(id)!.Status);
        Assert.Equal(GatewayOutcome.Cancelled, Cancel(id).Outcome); // cancelling twice is harmless
    }

    [Fact]
    public void Cancelling_an_order_the_wallet_has_paid_answers_paid_so_the_terminal_shows_paid()
    {
        string id = _h.Ids.Next();
        var created = _h.Create(id);
        _h.Pay(created.CodeText);
        Assert.Equal(GatewayOutcome.Paid, Cancel(id).Outcome);
        Assert.Equal("PAID", _h.Gateway.FindOrder(id)!.Status);
    }

    [Fact]
    public void An_order_expires_at_its_expiry_and_its_code_can_no_longer_be_paid()
    {
        string id = _h.Ids.Next();
        var created = _h.Create(id, expirySeconds: 60);
        _h.Gateway.AdvanceClock(59);
        Assert.Equal(GatewayOutcome.Pending, Wait(id).Outcome);
        _h.Gateway.AdvanceClock(1);
        Assert.Equal(GatewayOutcome.Expired, Wait(id).Outcome);
        Assert.Equal((410, "expired"), _h.Pay(created.CodeText));
        Assert.Equal(GatewayOutcome.Expired, Cancel(id).Outcome);
    }

    [Fact]
    public void The_wallet_refuses_unknown_and_already_paid_codes_with_stable_errors()
    {
        string id = _h.Ids.Next();
        var created = _h.Create(id);
        Assert.Equal((404, "unknown_code"), _h.Pay("https://qr.alipay.com/bax00000000000000000000000"));
        Assert.Equal(200, _h.Pay(created.CodeText).Status);
        Assert.Equal((409, "already_paid"), _h.Pay(created.CodeText));
        Assert.Equal(1, _h.Gateway.FindOrder(id)!.Payments);
    }

    [Fact]
    public void After_a_reboot_the_terminal_lists_its_open_orders_and_resolves_each()
    {
        string paidId = _h.Ids.Next();
        string openId = _h.Ids.Next();
        string doneId = _h.Ids.Next();
        var paid = _h.Create(paidId);
        _h.Create(openId, 500);
        _h.Create(doneId);
        Cancel(doneId);

        // Reboot: a new client, new order ids; meanwhile the tourist paid the first order.
        _h.Pay(paid.CodeText);
        var client = _h.NewClient(_h.Config, _h.Transport, seed: 99);
        var list = new OpenOrderList();
        client.ListOpenOrders(list);
        Assert.Equal(GatewayOutcome.Ok, list.Outcome);
        Assert.Equal(new[] { openId }, Enumerable.Range(0, list.Count).Select(list.OrderId));

        var query = new GatewayReply();
        client.QueryOrder(openId, query);
        Assert.Equal((GatewayOutcome.Pending, 500L, "NOK"), (query.Outcome, query.AmountMinor, query.Currency));
        var cancel = new GatewayReply();
        client.CancelOrder(openId, query.AmountMinor, query.Currency, cancel);
        Assert.Equal(GatewayOutcome.Cancelled, cancel.Outcome);
        client.ListOpenOrders(list);
        Assert.Equal(0, list.Count);

        client.QueryOrder(paidId, query);
        Assert.Equal(GatewayOutcome.Paid, query.Outcome);
    }

    [Fact]
    public void Cancelling_an_id_the_gateway_never_saw_closes_it_so_a_late_create_cannot_open_it()
    {
        string id = _h.Ids.Next();
        for (int i = 0; i < _h.Config.MaxAttempts; i++) _h.Gateway.Faults!.Enqueue(GatewayFault.DropRequest, GatewayPaths.Create);
        var created = _h.Create(id);
        Assert.Equal(GatewayOutcome.Unknown, created.Outcome);
        Assert.Equal(GatewayErrors.Network, created.ErrorCode);
        Assert.Equal(4, created.Attempts);
        Assert.Null(_h.Gateway.FindOrder(id));

        Assert.Equal(GatewayOutcome.Cancelled, Cancel(id).Outcome);
        var late = _h.Create(id);
        Assert.Equal(GatewayOutcome.Cancelled, late.Outcome);
        Assert.False(_h.Gateway.FindOrder(id)!.Created);
    }

    [Fact]
    public void The_same_id_with_another_amount_is_refused_as_a_conflict()
    {
        string id = _h.Ids.Next();
        _h.Create(id, 12500);
        var conflict = _h.Create(id, 12600);
        Assert.Equal((GatewayOutcome.Rejected, GatewayErrors.OrderConflict), (conflict.Outcome, conflict.ErrorCode));
        Assert.Equal(12500, _h.Gateway.FindOrder(id)!.AmountMinor);
    }

    [Fact]
    public void A_create_the_gateway_finds_invalid_is_rejected_with_its_error_code()
    {
        var reply = _h.Create(_h.Ids.Next(), expirySeconds: 5);
        Assert.Equal((GatewayOutcome.Rejected, "bad_request"), (reply.Outcome, reply.ErrorCode));
        Assert.Equal(400, reply.HttpStatus);
    }

    [Fact]
    public void Waiting_for_an_order_the_gateway_does_not_know_is_rejected_as_unknown_order()
    {
        var reply = Wait("T0001-never-created");
        Assert.Equal((GatewayOutcome.Rejected, GatewayErrors.UnknownOrder), (reply.Outcome, reply.ErrorCode));
    }

    [Fact]
    public void Ping_is_a_signed_round_trip()
    {
        var reply = new GatewayReply();
        _h.Client.Ping(reply);
        Assert.Equal(GatewayOutcome.Ok, reply.Outcome);
        Assert.Equal(200, reply.HttpStatus);
        Assert.InRange(reply.RoundTripMs, 0, 2000);
    }

    public static TheoryData<GatewayFault, string> FaultsAndErrors => new()
    {
        { GatewayFault.DropRequest, GatewayErrors.Network },
        { GatewayFault.DropResponse, GatewayErrors.Network },
        { GatewayFault.ServerError, GatewayErrors.Http5xx },
        { GatewayFault.TruncatedBody, GatewayErrors.BadSignature },
        { GatewayFault.OversizedBody, GatewayErrors.TooLarge },
        { GatewayFault.OversizedUnannouncedBody, GatewayErrors.TooLarge },
        { GatewayFault.WrongSignature, GatewayErrors.BadSignature },
        { GatewayFault.ConnectionReset, GatewayErrors.Network },
        { GatewayFault.ReplayPrevious, GatewayErrors.BadSignature },
        { GatewayFault.Delay, GatewayErrors.Timeout },
    };

    [Theory]
    [MemberData(nameof(FaultsAndErrors))]
    public void A_faulty_answer_about_a_paid_order_is_unknown_with_a_clear_error_and_the_next_poll_finds_paid(GatewayFault fault, string error)
    {
        string id = _h.Ids.Next();
        var created = _h.Create(id);
        Assert.Equal(GatewayOutcome.Pending, Wait(id).Outcome); // a previous answer on this path, for the replay
        _h.Pay(created.CodeText);
        _h.Gateway.Faults!.DelayMs = 60_000; // held until the client gives up (hold 0 + margin 3000): the answer never comes
        _h.Gateway.Faults!.Enqueue(fault, GatewayPaths.Wait);

        var faulty = Wait(id);
        Assert.Equal(GatewayOutcome.Unknown, faulty.Outcome);
        Assert.Equal(error, faulty.ErrorCode);
        Assert.Equal(GatewayOutcome.Paid, Wait(id).Outcome);
    }

    [Fact]
    public void A_paid_answer_about_another_order_replayed_to_this_terminal_is_never_taken_as_paid()
    {
        string paidId = _h.Ids.Next();
        _h.Pay(_h.Create(paidId).CodeText);
        Assert.Equal(GatewayOutcome.Paid, Wait(paidId).Outcome);

        string unpaidId = _h.Ids.Next();
        _h.Create(unpaidId);
        _h.Gateway.Faults!.Enqueue(GatewayFault.ReplayPrevious, GatewayPaths.Wait);
        var reply = Wait(unpaidId);
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.BadSignature), (reply.Outcome, reply.ErrorCode));
        Assert.Equal("PENDING", _h.Gateway.FindOrder(unpaidId)!.Status);
    }

    [Fact]
    public void A_terminal_with_the_wrong_key_is_refused_and_cannot_trust_the_answer()
    {
        var config = _h.NewConfig(key: Enumerable.Repeat((byte)1, 32).ToArray());
        var client = _h.NewClient(config, _h.Transport, seed: 5);
        var reply = new GatewayReply();
        string id = _h.Ids.Next();
        client.CreateOrder(id, 100, "NOK", 120, reply);
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.BadSignature, 401), (reply.Outcome, reply.ErrorCode, reply.HttpStatus));
        Assert.Null(_h.Gateway.FindOrder(id));
    }

    [Fact]
    public void An_unprovisioned_terminal_gets_an_unsigned_refusal_it_does_not_trust()
    {
        var client = _h.NewClient(_h.NewConfig(terminalId: "T9999"), _h.Transport, seed: 5);
        var reply = new GatewayReply();
        client.Ping(reply);
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.Unsigned, 401), (reply.Outcome, reply.ErrorCode, reply.HttpStatus));
    }

    [Fact]
    public void A_terminal_whose_clock_is_far_off_is_refused_and_says_why()
    {
        var skewed = new Terminal.Drivers.Fakes.FakeWallClock(_h.Clock.UnixSeconds - 3600);
        var client = _h.NewClient(_h.Config, _h.Transport, seed: 6, clock: skewed);
        var reply = new GatewayReply();
        string id = _h.Ids.Next();
        client.CreateOrder(id, 100, "NOK", 120, reply);
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.Stale, 401), (reply.Outcome, reply.ErrorCode, reply.HttpStatus));
        Assert.Null(_h.Gateway.FindOrder(id));
    }

    [Fact]
    public async Task A_captured_request_sent_again_is_refused_as_replayed_and_changes_nothing()
    {
        var recorder = new RecordingTransport(_h.Transport);
        var client = _h.NewClient(_h.Config, recorder, seed: 8);
        string id = _h.Ids.Next();
        var reply = new GatewayReply();
        client.CancelOrder(id, 100, "NOK", reply);
        Assert.Equal(GatewayOutcome.Cancelled, reply.Outcome);

        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, _h.Gateway.BaseUrl + recorder.LastPath)
        {
            Content = new ByteArrayContent(recorder.LastBody),
        };
        foreach (var (name, value) in recorder.LastHeaders) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"replayed\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _h.Gateway.FindOrder(id)!.CancelRequests);
    }

    [Fact]
    public void A_gateway_that_cannot_be_reached_gives_unknown_network_after_the_bounded_retries()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var transport = new HttpClientTransport("http://127.0.0.1:" + closedPort);
        var client = _h.NewClient(_h.Config, transport, seed: 3);
        var reply = new GatewayReply();
        client.CreateOrder(_h.Ids.Next(), 100, "NOK", 120, reply);
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.Network, 4), (reply.Outcome, reply.ErrorCode, reply.Attempts));
        Assert.Equal(TransportError.ConnectFailed, reply.HttpStatus);
    }

    /// <summary>Passes requests on and keeps a copy of the last one (the eavesdropper's capture).</summary>
    private sealed class RecordingTransport(IHttpTransport inner) : IHttpTransport
    {
        public string LastPath = "";
        public byte[] LastBody = Array.Empty<byte>();
        public List<(string, string)> LastHeaders = new();

        public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength, HttpResponseBuffer response, int timeoutMs)
        {
            LastPath = path;
            LastBody = body.AsSpan(0, bodyLength).ToArray();
            LastHeaders = Enumerable.Range(0, headers.Count).Where(i => headers.ValueLength(i) >= 0)
                .Select(i => (headers.Name(i), headers.ValueText(i)!)).ToList();
            return inner.Send(method, path, headers, body, bodyLength, response, timeoutMs);
        }
    }
}
