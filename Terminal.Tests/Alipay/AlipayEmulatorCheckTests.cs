using Alipay.Emulator;
using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>The emulated Alipay refuses what real Alipay refuses (another partner, a stale request) and takes GET as well as POST.</summary>
public class AlipayEmulatorCheckTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task A_request_from_another_partner_is_refused_and_creates_nothing()
    {
        await using var h = await AlipayHarness.StartAsync();
        AlipayOptions options = AlipayConnectorTests.CopyOf(h.Options);
        options.PartnerId = "2088000000000002";
        using AlipayClient stranger = h.NewClient(options);

        AlipayPrecreateResult result = await stranger.PrecreateAsync("order-1", 12500, "NOK", "Counter sale");

        Assert.Equal(PrecreateOutcome.Unknown, result.Outcome);
        Assert.Equal(AlipayUnknownReason.UnsignedRefusal + ":ILLEGAL_PARTNER", result.ErrorCode);
        Assert.Empty(h.Emulator.Ledger.All());
    }

    [Theory]
    [InlineData(-31, false)]
    [InlineData(31, false)]
    [InlineData(-29, true)]
    public async Task A_request_more_than_30_minutes_off_alipay_time_is_refused(int minutesOff, bool accepted)
    {
        await using var h = await AlipayHarness.StartAsync();
        using var http = new HttpClient();
        using var client = new AlipayClient(http, h.Options, new FixedTime(DateTimeOffset.UtcNow.AddMinutes(minutesOff)));

        AlipayPrecreateResult result = await client.PrecreateAsync("order-1", 12500, "NOK", "Counter sale");

        Assert.Equal(accepted ? PrecreateOutcome.Created : PrecreateOutcome.Unknown, result.Outcome);
        if (!accepted) Assert.Equal(AlipayUnknownReason.UnsignedRefusal + ":ILLEGAL_TIMESTAMP", result.ErrorCode);
        Assert.Equal(accepted ? 1 : 0, h.Emulator.Ledger.All().Count);
    }

    [Fact]
    public async Task A_signed_get_request_like_the_documented_sample_is_served()
    {
        await using var h = await AlipayHarness.StartAsync();
        await h.CreateAsync("order-1", 12500);
        var p = new Dictionary<string, string>
        {
            ["service"] = AlipayProtocol.ServiceQuery,
            ["partner"] = AlipayHarness.PartnerId,
            ["_input_charset"] = "UTF-8",
            ["out_trade_no"] = "order-1",
        };
        using var signer = AlipaySigner.Rsa2(h.PartnerPrivateKeyPem, h.Emulator.AlipayPublicKeyPem);
        p["sign"] = signer.Sign(p);
        p["sign_type"] = "RSA2";
        string url = h.Emulator.GatewayUrl + "?" + string.Join("&", p.Select(kv => kv.Key + "=" + Uri.EscapeDataString(kv.Value)));
        using var http = new HttpClient();

        string xml = await http.GetStringAsync(url);

        AlipayXmlReply reply = AlipayXmlReply.TryParse(xml)!;
        Assert.True(reply.IsSuccess);
        Assert.Equal("WAIT_BUYER_PAY", reply.Field("trade_status"));
        Assert.True(signer.Verify(reply.Fields, reply.Sign));
    }

    [Fact]
    public async Task The_wallet_endpoint_pays_once_and_refuses_unknown_codes_and_bad_bodies()
    {
        await using var h = await AlipayHarness.StartAsync();
        string code = await h.CreateAsync("order-1", 12500);
        using var http = new HttpClient();
        async Task<int> PostAsync(string body) =>
            (int)(await http.PostAsync(h.Emulator.BaseUrl + "/wallet/pay", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).StatusCode;

        Assert.Equal(200, await PostAsync("{\"code\":\"" + code + "\"}"));
        Assert.Equal(409, await PostAsync("{\"code\":\"" + code + "\"}"));
        Assert.Equal(404, await PostAsync("{\"code\":\"https://qr.alipay.com/baxunknown\"}"));
        Assert.Equal(400, await PostAsync("{\"kode\":1}"));
        Assert.Equal(400, await PostAsync("not json"));
        Assert.Equal("TRADE_SUCCESS", h.Recorder.StatusOf("order-1"));
    }
}
