using System.Net.Sockets;
using System.Text;
using Gateway.Server;
using Gateway.Server.Load;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Terminal.Gateway;
using Xunit;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// Issue 14, defect 7 on the gateway server: what docs/gateway-protocol.md says a request is, enforced - with a
/// 400 (or 401/413) and a reason, never a 500 with an empty body - and order ids bound to their terminal.
/// </summary>
public class ProtocolEdgeTests : IAsyncLifetime
{
    private const string Terminal = "SHOP-01";
    private const string Other = "SHOP-02";
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 5 + 3)).ToArray();
    private static readonly byte[] OtherKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1)).ToArray();
    private readonly ServerRig _rig = new(postgres: false);
    private GatewayHost _host = null!;
    private ProtocolClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await _rig.StartAsync();
        _host.ProvisionTerminal(Terminal, Key);
        _host.ProvisionTerminal(Other, OtherKey);
        _client = _rig.Client(_host, Terminal, Key);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    public static TheoryData<string, byte[]> BadBodies() => new()
    {
        { "invalid UTF-8", Concat("{\"orderId\":\"SHOP-01-a-1\",\"x\":\"", new byte[] { 0xC3, 0x28 }, "\"}") },
        { "a lone surrogate", Encoding.ASCII.GetBytes("{\"orderId\":\"SHOP-01-a-1\",\"x\":\"\\ud800\"}") },
        { "an array", Encoding.ASCII.GetBytes("[1]") },
        { "a string", Encoding.ASCII.GetBytes("\"x\"") },
        { "null", Encoding.ASCII.GetBytes("null") },
        { "a duplicate key", Encoding.ASCII.GetBytes("{\"orderId\":\"SHOP-01-a-1\",\"orderId\":\"SHOP-01-a-2\"}") },
    };

    private static byte[] Concat(string head, byte[] middle, string tail) =>
        Encoding.ASCII.GetBytes(head).Concat(middle).Concat(Encoding.ASCII.GetBytes(tail)).ToArray();

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_signed_request_with_a_body_that_is_no_JSON_object_is_a_signed_400_with_the_reason(string what, byte[] body)
    {
        ProtocolClient.Answer answer = await _client.SendBytesAsync(GatewayPaths.Query, body);
        Assert.Equal((400, ProtocolErrors.BadRequest, true), (answer.Status, answer.Error, answer.SignatureValid));
        Assert.False(string.IsNullOrEmpty(answer.Body.GetProperty("message").GetString()), what);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task The_wallet_refuses_such_a_body_with_a_400_and_the_reason(string what, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        using HttpResponseMessage response = await _rig.Http.PostAsync(_host.BaseUrl + "/wallet/pay", content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(400 == (int)response.StatusCode, what + ": " + (int)response.StatusCode);
        Assert.Contains("bad_request", text);
    }

    [Theory]
    [InlineData("xxxxxxxxxxxxxxxx")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcde")]
    public async Task A_nonce_that_is_not_16_lowercase_hex_characters_is_refused(string nonce)
    {
        ProtocolClient.Answer answer = await _client.SendAsync(GatewayPaths.Ping, "{}", nonce: nonce);
        Assert.Equal((401, ProtocolErrors.BadNonce), (answer.Status, answer.Error));
    }

    [Fact]
    public async Task A_nonce_of_2000_hex_characters_is_refused()
    {
        ProtocolClient.Answer answer = await _client.SendAsync(GatewayPaths.Ping, "{}", nonce: new string('a', 2000));
        Assert.Equal(ProtocolErrors.BadNonce, answer.Error);
    }

    [Theory]
    [InlineData("SHOP-01-a-1\n")]
    [InlineData("SHOP-01-a 1")]
    [InlineData("SHOP-02-a-1")]      // another terminal's id
    [InlineData("SHOP-01-")]
    public async Task An_order_id_with_a_final_newline_or_of_another_terminal_is_refused(string orderId)
    {
        ProtocolClient.Answer answer = await _client.CreateAsync(orderId, 100, "NOK", 120);
        Assert.Equal((400, ProtocolErrors.BadRequest), (answer.Status, answer.Error));
    }

    [Theory]
    [InlineData("ZZZ")]
    [InlineData("USD")]
    [InlineData("nok")]
    public async Task An_unknown_currency_is_refused(string currency)
    {
        ProtocolClient.Answer answer = await _client.CreateAsync("SHOP-01-c-1", 100, currency, 120);
        Assert.Equal((400, ProtocolErrors.BadRequest), (answer.Status, answer.Error));
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(100_000)] // over the server's own 64 KiB limit too
    public async Task An_oversized_body_from_a_known_terminal_gets_a_signed_413(int bytes)
    {
        byte[] body = Encoding.ASCII.GetBytes("{\"pad\":\"" + new string('x', bytes) + "\"}");
        ProtocolClient.Answer answer = await _client.SendBytesAsync(GatewayPaths.Ping, body);
        Assert.Equal((413, ProtocolErrors.TooLarge, true), (answer.Status, answer.Error, answer.SignatureValid));
    }

    [Fact]
    public async Task The_signature_covers_the_path_as_sent_not_its_percent_decoded_form()
    {
        // Signed over "/v1/ping", sent as "/v1/%70ing" (which decodes to it): refused.
        byte[] body = Encoding.ASCII.GetBytes("{}");
        string timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string nonce = ProtocolSigning.NewNonce();
        string signature = ProtocolSigning.RequestSignature(Key, Terminal, "POST", GatewayPaths.Ping, timestamp, nonce, body);
        var uri = new Uri(_host.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using NetworkStream stream = tcp.GetStream();
        string request = "POST /v1/%70ing HTTP/1.1\r\nHost: " + uri.Authority + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
            + GatewayPaths.TerminalHeader + ": " + Terminal + "\r\n" + GatewayPaths.TimestampHeader + ": " + timestamp + "\r\n"
            + GatewayPaths.NonceHeader + ": " + nonce + "\r\n" + GatewayPaths.SignatureHeader + ": " + signature + "\r\nConnection: close\r\n\r\n{}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        string response = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 401", response);
        Assert.Contains(ProtocolErrors.BadSignature, response);
    }

    [Fact]
    public async Task Another_terminal_can_neither_cancel_nor_close_this_terminals_order_ids()
    {
        ProtocolClient other = _rig.Client(_host, Other, OtherKey);
        // An id this terminal has not used yet: the other terminal cannot close it in advance...
        ProtocolClient.Answer early = await other.SendAsync(GatewayPaths.Cancel, "{\"orderId\":\"SHOP-01-b-1\"}");
        Assert.Equal((400, ProtocolErrors.BadRequest), (early.Status, early.Error));
        ProtocolClient.Answer created = await _client.CreateAsync("SHOP-01-b-1", 700, "NOK", 120);
        Assert.Equal((200, OrderStatus.Pending), (created.Status, created.OrderStatus));
        // ...nor cancel it now.
        ProtocolClient.Answer late = await other.SendAsync(GatewayPaths.Cancel, "{\"orderId\":\"SHOP-01-b-1\",\"amountMinor\":700,\"currency\":\"NOK\"}");
        Assert.Equal(400, late.Status);
        Assert.Equal(OrderStatus.Pending, _host.FindOrder("SHOP-01-b-1")!.Status);
    }

    [Fact]
    public async Task A_cancel_naming_only_the_id_closes_an_unseen_id_and_a_late_create_answers_cancelled()
    {
        ProtocolClient.Answer closed = await _client.SendAsync(GatewayPaths.Cancel, "{\"orderId\":\"SHOP-01-t-1\"}");
        Assert.Equal((200, OrderStatus.Cancelled, true), (closed.Status, closed.OrderStatus, closed.SignatureValid));
        ProtocolClient.Answer late = await _client.CreateAsync("SHOP-01-t-1", 4200, "SEK", 120);
        Assert.Equal((200, OrderStatus.Cancelled, ""), (late.Status, late.OrderStatus, late.Code));
        Assert.Equal(4200, late.Body.GetProperty("amountMinor").GetInt64());
        ProtocolClient.Answer half = await _client.SendAsync(GatewayPaths.Cancel, "{\"orderId\":\"SHOP-01-t-2\",\"amountMinor\":5}");
        Assert.Equal((400, ProtocolErrors.BadRequest), (half.Status, half.Error)); // amount without currency
    }
}
