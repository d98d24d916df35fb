using System.Text;
using System.Text.Json;
using Gateway.Server.Load;
using Gateway.Server.Protocol;
using Gateway.Server.Testing;
using Terminal.Drivers.Fakes;
using Terminal.Gateway;
using Terminal.Money;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>
/// The recent-sales call (docs/gateway-protocol.md 6.3) the manager's refund chooses from: the gateway server lists
/// this terminal's last paid sales with what is refunded, signed like every answer; the firmware's client takes
/// only a signed, fresh, well-formed list of this terminal's own sales into its fixed slots, and anything else is
/// Unknown with an empty list.
/// </summary>
public class GatewayRecentSalesTests : IDisposable
{
    private readonly GatewayHarness _h = new(seed: 41, requestTimeoutMs: 4000, waitMarginMs: 3000);

    public void Dispose() => _h.Dispose();

    private string PaidOrder(long amountMinor, string currency = "NOK")
    {
        string id = _h.Ids.Next();
        GatewayReply created = _h.Create(id, amountMinor, currency);
        Assert.Equal((200, (string?)null), _h.Pay(created.CodeText));
        return id;
    }

    private RecentSales List()
    {
        var list = new RecentSales();
        _h.Client.ListRecentSales(list);
        return list;
    }

    [Fact]
    public void The_last_paid_sales_of_this_terminal_are_listed_newest_first_with_what_is_refunded()
    {
        string[] paid = new string[6];
        for (int i = 0; i < paid.Length; i++) paid[i] = PaidOrder(1000 * (i + 1), i == 4 ? "SEK" : "NOK");
        _h.Create(_h.Ids.Next(), 999); // pending: not a sale to refund
        var refund = new GatewayReply();
        _h.Client.RefundOrder(paid[5], paid[5] + "-R1", 2500, "NOK", "", "manager", refund);
        Assert.Equal(GatewayOutcome.Refunded, refund.Outcome);

        RecentSales list = List();
        Assert.Equal((GatewayOutcome.Ok, RecentSales.Capacity), (list.Outcome, list.Count));
        for (int i = 0; i < list.Count; i++)
        {
            int sale = paid.Length - 1 - i; // newest payment first; the oldest does not fit
            Assert.Equal(paid[sale], list.OrderId(i));
            Assert.Equal(1000L * (sale + 1), list.AmountMinor(i));
            Assert.Same(sale == 4 ? CurrencyTable.Sek : CurrencyTable.Nok, list.Currency(i));
            Assert.Equal(_h.Gateway.FindOrder(paid[sale])!.PaidAtUnix, list.PaidAtUnix(i));
        }
        Assert.Equal((2500L, 3500L), (list.RefundedMinor(0), list.RefundableMinor(0)));
        Assert.Equal(0L, list.RefundedMinor(1));
    }

    [Fact]
    public async Task Another_terminals_sales_are_never_listed()
    {
        string mine = PaidOrder(700);
        byte[] otherKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 3)).ToArray();
        _h.Gateway.ProvisionTerminal("T0002", otherKey);
        using var http = new HttpClient();
        var other = new ProtocolClient(http, _h.Gateway.BaseUrl, "T0002", otherKey);
        ProtocolClient.Answer created = await other.SendAsync(GatewayPaths.Create,
            "{\"orderId\":\"T0002-aaaa-000001\",\"amountMinor\":800,\"currency\":\"NOK\",\"expirySeconds\":120}", timestampUnix: _h.Clock.UnixSeconds);
        Assert.Equal((200, (string?)null), _h.Pay(created.Code!));

        RecentSales list = List();
        Assert.Equal(1, list.Count);
        Assert.Equal(mine, list.OrderId(0));
        ProtocolClient.Answer theirs = await other.SendAsync(GatewayPaths.Recent, "{\"limit\":5}", timestampUnix: _h.Clock.UnixSeconds);
        Assert.True(theirs.SignatureValid);
        Assert.Equal(new[] { "T0002-aaaa-000001" }, theirs.Body.GetProperty("orderIds").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"limit\":0}")]
    [InlineData("{\"limit\":6}")]
    [InlineData("{\"limit\":\"5\"}")]
    [InlineData("[1]")]
    [InlineData("{\"limit\":5,\"limit\":5}")]
    public async Task A_bad_body_is_a_signed_bad_request(string body)
    {
        using var http = new HttpClient();
        var client = new ProtocolClient(http, _h.Gateway.BaseUrl, GatewayHarness.TerminalId, GatewayHarness.Key);
        ProtocolClient.Answer answer = await client.SendAsync(GatewayPaths.Recent, body, timestampUnix: _h.Clock.UnixSeconds);
        Assert.Equal((400, ProtocolErrors.BadRequest, true), (answer.Status, answer.Error, answer.SignatureValid));
    }

    [Fact]
    public async Task An_oversized_request_is_a_signed_too_large_and_a_bad_signature_is_refused()
    {
        using var http = new HttpClient();
        var client = new ProtocolClient(http, _h.Gateway.BaseUrl, GatewayHarness.TerminalId, GatewayHarness.Key);
        ProtocolClient.Answer big = await client.SendAsync(GatewayPaths.Recent, "{\"limit\":5,\"pad\":\"" + new string('x', TerminalProtocolEndpoint.MaxRequestBytes) + "\"}",
            timestampUnix: _h.Clock.UnixSeconds);
        Assert.Equal((413, ProtocolErrors.TooLarge, true), (big.Status, big.Error, big.SignatureValid));
        var wrongKey = new ProtocolClient(http, _h.Gateway.BaseUrl, GatewayHarness.TerminalId, new byte[32]);
        ProtocolClient.Answer forged = await wrongKey.SendAsync(GatewayPaths.Recent, "{\"limit\":5}", timestampUnix: _h.Clock.UnixSeconds);
        Assert.Equal((401, ProtocolErrors.BadSignature), (forged.Status, forged.Error));
    }

    [Fact]
    public void The_largest_answer_fits_the_terminals_response_limit()
    {
        // Five sales with ids of the longest form the terminal makes and the largest amounts it can key.
        var h = new GatewayHarness(seed: 42);
        try
        {
            string terminalId = new string('L', 24);
            byte[] key = Enumerable.Range(1, 32).Select(i => (byte)(i * 5)).ToArray();
            h.Gateway.ProvisionTerminal(terminalId, key);
            using var transport = new Terminal.Host.HttpClientTransport(h.Gateway.BaseUrl);
            GatewayClient client = h.NewClient(h.NewConfig(key: key, terminalId: terminalId), transport, 43);
            var ids = new OrderIds(terminalId, new byte[] { 9, 9, 9, 9, 9, 9, 9, 9 });
            for (int i = 0; i < RecentSales.Capacity; i++)
            {
                string id = ids.Next() + "9999"; // 10 counter digits: the longest id OrderIds allows
                Assert.Equal(OrderIds.MaxChars, id.Length);
                var created = new GatewayReply();
                client.CreateOrder(id, AmountEntry.DefaultMaxMinor, "NOK", 120, created);
                Assert.Equal((200, (string?)null), h.Pay(created.CodeText));
            }
            var list = new RecentSales();
            client.ListRecentSales(list);
            Assert.Equal((GatewayOutcome.Ok, RecentSales.Capacity), (list.Outcome, list.Count));
            Assert.True(list.PaidAtUnix(0) > 0);
        }
        finally
        {
            h.Dispose();
        }
    }

    [Theory]
    [InlineData(GatewayFault.WrongSignature, GatewayErrors.BadSignature)]
    [InlineData(GatewayFault.ReplayPrevious, GatewayErrors.BadSignature)]
    [InlineData(GatewayFault.TruncatedBody, GatewayErrors.BadSignature)]
    [InlineData(GatewayFault.OversizedBody, GatewayErrors.TooLarge)]
    [InlineData(GatewayFault.ServerError, GatewayErrors.Http5xx)]
    public void An_untrustworthy_answer_is_Unknown_with_an_empty_list(GatewayFault fault, string expectedError)
    {
        PaidOrder(1200);
        Assert.Equal(1, List().Count); // a previous answer a replay could reuse
        for (int i = 0; i < _h.Config.MaxAttempts; i++) _h.Gateway.Faults!.Enqueue(fault, GatewayPaths.Recent);
        RecentSales list = List();
        Assert.Equal((GatewayOutcome.Unknown, expectedError, 0), (list.Outcome, list.ErrorCode, list.Count));
    }

    // ---- answers no honest gateway gives, signed by a scripted gateway ----

    private const string Own = "T0001-0011223344556677-000001";

    private static RecentSales Scripted(string json)
    {
        var clock = new FakeWallClock(1_790_000_000);
        var transport = new ScriptedTransport(GatewayHarness.TerminalId, GatewayHarness.Key, () => clock.UnixSeconds)
        {
            Script = (_, _) => (200, Encoding.UTF8.GetBytes(json)),
        };
        var config = new GatewayConfig { TerminalId = GatewayHarness.TerminalId, Key = GatewayHarness.Key, RetryBackoffMs = 0, MaxAttempts = 2 };
        var client = new GatewayClient(config, transport, clock, new FakeClock(0), new Random(1));
        var list = new RecentSales();
        client.ListRecentSales(list);
        return list;
    }

    private static string Answer(string ids, string amounts, string currencies, string refunded, string paidAt) =>
        "{\"orderIds\":[" + ids + "],\"amountMinor\":[" + amounts + "],\"currency\":[" + currencies + "],\"refundedTotalMinor\":[" + refunded
        + "],\"paidAt\":[" + paidAt + "]}";

    [Fact]
    public void A_signed_well_formed_list_is_taken()
    {
        RecentSales list = Scripted(Answer("\"" + Own + "\"", "12500", "\"EUR\"", "100", "1789999000"));
        Assert.Equal((GatewayOutcome.Ok, 1, Own, 12500L, 100L, 1789999000L), (list.Outcome, list.Count, list.OrderId(0), list.AmountMinor(0),
            list.RefundedMinor(0), list.PaidAtUnix(0)));
        Assert.Same(CurrencyTable.Eur, list.Currency(0));
    }

    [Theory]
    [InlineData("\"T0002-0011223344556677-000001\"", "12500", "\"NOK\"", "0", "1")]   // another terminal's id
    [InlineData("\"T0001\"", "12500", "\"NOK\"", "0", "1")]                           // not an order id of this terminal
    [InlineData("\"T0001-x y\"", "12500", "\"NOK\"", "0", "1")]                       // not an id the terminal makes
    [InlineData("\"" + Own + "\"", "0", "\"NOK\"", "0", "1")]                         // nothing paid
    [InlineData("\"" + Own + "\"", "12500", "\"XXX\"", "0", "1")]                     // unknown currency
    [InlineData("\"" + Own + "\"", "12500", "\"NOK\"", "12501", "1")]                 // refunded more than paid
    [InlineData("\"" + Own + "\"", "12500", "\"NOK\"", "-1", "1")]
    [InlineData("\"" + Own + "\"", "12500.0", "\"NOK\"", "0", "1")]                   // not an integer
    [InlineData("\"" + Own + "\"", "12500,1", "\"NOK\"", "0", "1")]                   // arrays of different lengths
    [InlineData("\"" + Own + "\"", "12500", "\"NOK\"", "0", "")]
    [InlineData("\"" + Own + "\",\"" + Own + "\",\"" + Own + "\",\"" + Own + "\",\"" + Own + "\",\"" + Own + "\"",
        "1,1,1,1,1,1", "\"NOK\",\"NOK\",\"NOK\",\"NOK\",\"NOK\",\"NOK\"", "0,0,0,0,0,0", "1,1,1,1,1,1")] // more than asked for
    public void A_list_that_breaks_a_rule_is_refused_whole(string ids, string amounts, string currencies, string refunded, string paidAt)
    {
        RecentSales list = Scripted(Answer(ids, amounts, currencies, refunded, paidAt));
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.Malformed, 0), (list.Outcome, list.ErrorCode, list.Count));
    }

    [Fact]
    public void An_answer_without_the_arrays_is_refused()
    {
        RecentSales list = Scripted("{\"orderIds\":[]}");
        Assert.Equal((GatewayOutcome.Unknown, GatewayErrors.Malformed), (list.Outcome, list.ErrorCode));
        Assert.Equal(GatewayOutcome.Ok, Scripted(Answer("", "", "", "", "")).Outcome); // an empty list is an answer
    }
}
