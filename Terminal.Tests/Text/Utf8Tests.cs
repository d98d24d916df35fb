using CsCheck;
using Terminal.Text;
using Xunit;

namespace Terminal.Tests.Text;

public class Utf8Tests
{
    [Theory]
    [InlineData("https://qr.alipay.com/bax01234")]
    [InlineData("Blåbærsyltetøy ÆØÅ")]
    [InlineData("支付宝 付款")]
    [InlineData("emoji 😀 end")]
    public void Encodes_exactly_like_dotnet(string text)
    {
        byte[] expected = System.Text.Encoding.UTF8.GetBytes(text);
        byte[] buffer = new byte[64];
        Assert.Equal(expected.Length, Utf8.GetByteCount(text));
        Assert.Equal(expected.Length, Utf8.Encode(text, buffer, 3));
        Assert.Equal(expected, buffer.Skip(3).Take(expected.Length).ToArray());
        Assert.Equal(text, Utf8.Decode(buffer, 3, expected.Length));
    }

    [Fact]
    public void Refuses_to_overrun_the_buffer()
    {
        Assert.Equal(-1, Utf8.Encode("æøå", new byte[5], 0));
    }

    [Fact]
    public void Any_string_round_trips_and_matches_dotnet()
    {
        Property.Check(Gen.String, s =>
        {
            byte[] expected = System.Text.Encoding.UTF8.GetBytes(s);
            byte[] buffer = new byte[Utf8.GetByteCount(s)];
            Assert.Equal(buffer.Length, Utf8.Encode(s, buffer, 0));
            Assert.Equal(expected, buffer);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), Utf8.Decode(buffer, 0, buffer.Length));
        }, iterations: 2000);
    }

    [Fact]
    public void Malformed_bytes_decode_to_replacement_characters_without_throwing()
    {
        Property.Check(Gen.Byte.Array[0, 40], bytes =>
        {
            string decoded = Utf8.Decode(bytes, 0, bytes.Length);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(bytes).Length > 0, decoded.Length > 0);
        }, iterations: 2000);
    }
}
