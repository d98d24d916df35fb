using Gateway.Acquirers.Alipay;
using Xunit;

namespace Terminal.Tests.Alipay;

/// <summary>Amounts (integer minor units to "125.00"), Beijing-time timestamps and the XML answer, as Alipay writes them.</summary>
public class AlipayWireFormatTests
{
    [Theory]
    [InlineData(12500, "NOK", "125.00")]
    [InlineData(5, "SEK", "0.05")]
    [InlineData(100, "DKK", "1.00")]
    [InlineData(123456789, "EUR", "1234567.89")]
    public void Minor_units_become_major_units_with_two_decimals(long minor, string currency, string wire)
    {
        Assert.Equal(wire, AlipayAmount.ToWire(minor, currency));
        Assert.True(AlipayAmount.TryParse(wire, currency, out long back));
        Assert.Equal(minor, back);
    }

    [Fact]
    public void Unsupported_currencies_and_amounts_out_of_range_are_refused_clearly()
    {
        Assert.Contains("ISK", Assert.Throws<ArgumentException>(() => AlipayAmount.ToWire(100, "ISK")).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AlipayAmount.ToWire(0, "NOK"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlipayAmount.ToWire(-5, "NOK"));
        Assert.Throws<ArgumentOutOfRangeException>(() => AlipayAmount.ToWire(AlipayAmount.MaxMinor + 1, "NOK"));
    }

    [Theory]
    [InlineData("125.5", 12550)]
    [InlineData("125", 12500)]
    [InlineData("0.01", 1)]
    public void Short_decimals_read_as_whole_minor_units(string wire, long minor)
    {
        Assert.True(AlipayAmount.TryParse(wire, "NOK", out long parsed));
        Assert.Equal(minor, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1.00")]
    [InlineData("+1.00")]
    [InlineData("1e3")]
    [InlineData("125.001")]
    [InlineData(" 1.00")]
    [InlineData("1,00")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("99999999999999.00")]
    public void Anything_else_is_not_an_amount(string wire)
    {
        Assert.False(AlipayAmount.TryParse(wire, "NOK", out _));
    }

    [Fact]
    public void Timestamps_are_beijing_time_in_the_documented_format()
    {
        var instant = new DateTimeOffset(2026, 11, 30, 20, 5, 9, TimeSpan.Zero);
        Assert.Equal("2026-12-01 04:05:09", AlipayTime.ToWire(instant));
        Assert.True(AlipayTime.TryParse("2026-12-01 04:05:09", out DateTimeOffset back));
        Assert.Equal(instant, back);
        Assert.False(AlipayTime.TryParse("2026-12-01T04:05:09", out _));
        Assert.False(AlipayTime.TryParse("1456507704121", out _));
    }

    [Fact]
    public void A_reply_gives_the_signed_fields_of_response_alipay_only()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><alipay><is_success>T</is_success>" +
            "<request><param name=\"service\">alipay.acquire.precreate</param></request>" +
            "<response><alipay><result_code>SUCCESS</result_code><qr_code>https://qr.alipay.com/bax1</qr_code><extra><x>1</x></extra></alipay></response>" +
            "<sign>abc</sign><sign_type>RSA2</sign_type></alipay>";
        AlipayXmlReply reply = AlipayXmlReply.TryParse(xml)!;
        Assert.True(reply.IsSuccess);
        Assert.Equal(new[] { "qr_code", "result_code" }, reply.Fields.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("abc", reply.Sign);
        Assert.Equal("RSA2", reply.SignType);
    }

    [Theory]
    [InlineData("<alipay><is_success>T</is_success><response><alipay><a>1</a><a>2</a></alipay></response></alipay>")]
    [InlineData("<alipay><is_success>X</is_success></alipay>")]
    [InlineData("<other><is_success>T</is_success></other>")]
    [InlineData("<!DOCTYPE alipay [<!ENTITY e \"x\">]><alipay><is_success>T</is_success></alipay>")]
    [InlineData("<alipay><is_success>T</is_success><sign>a</sign><sign>b</sign></alipay>")]
    [InlineData("not xml")]
    public void Malformed_replies_duplicate_fields_and_dtds_are_not_replies(string xml)
    {
        Assert.Null(AlipayXmlReply.TryParse(xml));
    }

    [Fact]
    public void Statuses_only_move_forward()
    {
        Assert.True(AlipayTradeStatus.Supersedes("TRADE_SUCCESS", null));
        Assert.True(AlipayTradeStatus.Supersedes("TRADE_SUCCESS", "WAIT_BUYER_PAY"));
        Assert.True(AlipayTradeStatus.Supersedes("TRADE_CLOSED", "TRADE_SUCCESS"));
        Assert.False(AlipayTradeStatus.Supersedes("TRADE_SUCCESS", "TRADE_CLOSED"));
        Assert.False(AlipayTradeStatus.Supersedes("WAIT_BUYER_PAY", "TRADE_SUCCESS"));
        Assert.False(AlipayTradeStatus.Supersedes("TRADE_SUCCESS", "TRADE_SUCCESS"));
        Assert.False(AlipayTradeStatus.Supersedes("BOGUS", null));
    }
}
