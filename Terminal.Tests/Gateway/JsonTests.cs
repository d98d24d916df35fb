using System.Text;
using System.Text.Json;
using CsCheck;
using Terminal.Gateway;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>The protocol's JSON writer and reader, against fixed texts and against System.Text.Json.</summary>
public class JsonTests
{
    private static string Write(Action<JsonWriter> members, int capacity = 512)
    {
        var writer = new JsonWriter(capacity);
        writer.BeginObject();
        members(writer);
        writer.EndObject();
        Assert.False(writer.Overflowed);
        return Encoding.ASCII.GetString(writer.Buffer, 0, writer.Length);
    }

    private static JsonReader Read(string json, out int error, int maxString = 256)
    {
        var reader = new JsonReader(maxString);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        error = reader.Parse(bytes, 0, bytes.Length);
        return reader;
    }

    [Fact]
    public void A_create_request_is_written_exactly_as_the_protocol_shows_it()
    {
        string json = Write(w =>
        {
            w.Member("orderId", "T0001-0011223344556677-000001");
            w.Member("amountMinor", 12500);
            w.Member("currency", "NOK");
            w.Member("expirySeconds", 300);
        });
        Assert.Equal("{\"orderId\":\"T0001-0011223344556677-000001\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expirySeconds\":300}", json);
    }

    [Fact]
    public void Quotes_backslashes_control_and_non_ascii_characters_are_escaped_into_plain_ascii()
    {
        string json = Write(w => w.Member("s", "a\"b\\c\n\u0001ø中😀"));
        Assert.Equal("{\"s\":\"a\\\"b\\\\c\\u000a\\u0001\\u00f8\\u4e2d\\ud83d\\ude00\"}", json);
        Assert.Equal("a\"b\\c\n\u0001ø中😀", JsonDocument.Parse(json).RootElement.GetProperty("s").GetString());
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Integers_are_written_in_full_including_the_extremes(long value)
    {
        string json = Write(w => w.Member("n", value));
        Assert.Equal(value, JsonDocument.Parse(json).RootElement.GetProperty("n").GetInt64());
    }

    [Fact]
    public void A_request_that_does_not_fit_reports_overflow_instead_of_growing_or_throwing()
    {
        var writer = new JsonWriter(16);
        writer.BeginObject();
        writer.Member("orderId", "a-much-too-long-order-id");
        writer.EndObject();
        Assert.True(writer.Overflowed);
        Assert.Equal(16, writer.Length);
    }

    [Fact]
    public void Any_written_object_reads_back_the_same_in_System_Text_Json_and_in_the_reader()
    {
        var gen = Gen.Select(Gen.String[0, 40], Gen.Long[-999_999_999_999_999_999, 999_999_999_999_999_999], Gen.Char.Array[0, 20]);
        Property.Check(gen, t =>
        {
            var (text, number, chars) = t;
            string odd = new string(chars);
            string json = Write(w => { w.Member("a", text); w.Member("n", number); w.Member("odd", odd); }, 1024);
            var doc = JsonDocument.Parse(json).RootElement;
            Assert.Equal(text, doc.GetProperty("a").GetString());
            Assert.Equal(number, doc.GetProperty("n").GetInt64());

            var reader = Read(json, out int error);
            Assert.Equal(JsonReader.Ok, error);
            Assert.Equal(text, reader.GetString("a"));
            Assert.True(reader.StringEquals("a", text));
            Assert.True(reader.TryGetInteger("n", out long n));
            Assert.Equal(number, n);
            Assert.Equal(odd, reader.GetString("odd")); // lone surrogates travel as \uXXXX and come back unchanged
        }, 300);
    }

    [Fact]
    public void A_status_response_is_read_by_key_whatever_the_member_order_and_whitespace()
    {
        var reader = Read(" {\n \"status\" : \"PAID\", \"extra\": {\"a\": [1, 2, {\"b\": null}]},\t\"amountMinor\":12500,"
            + "\"orderId\":\"T1-x\", \"ok\": true, \"code\":\"https:\\/\\/qr.alipay.com\\/bax0\"} ", out int error);
        Assert.Equal(JsonReader.Ok, error);
        Assert.True(reader.StringEquals("status", "PAID"));
        Assert.False(reader.StringEquals("status", "PAI"));
        Assert.True(reader.TryGetInteger("amountMinor", out long amount));
        Assert.Equal(12500, amount);
        Assert.Equal("https://qr.alipay.com/bax0", reader.GetString("code"));
        Assert.Equal(JsonReader.KindObject, reader.KindOf(reader.Find("extra")));
        Assert.Null(reader.GetString("missing"));
        Assert.False(reader.TryGetInteger("status", out _));
    }

    [Fact]
    public void Unicode_escapes_and_utf8_text_decode_to_the_same_string()
    {
        var reader = Read("{\"a\":\"\\u00f8\\u4E2D\\ud83d\\ude00\",\"b\":\"ø中😀\"}", out int error);
        Assert.Equal(JsonReader.Ok, error);
        Assert.Equal("ø中😀", reader.GetString("a"));
        Assert.Equal("ø中😀", reader.GetString("b"));
        Assert.True(reader.StringEquals("b", "ø中😀"));
    }

    [Fact]
    public void An_array_of_order_ids_is_read_item_by_item()
    {
        var reader = Read("{\"orderIds\":[\"a\",\"b\\n\",\"c\"],\"n\":[]}", out int error);
        Assert.Equal(JsonReader.Ok, error);
        Assert.Equal(3, reader.ArrayLength("orderIds"));
        Assert.Equal("b\n", reader.GetArrayString("orderIds", 1));
        Assert.Null(reader.GetArrayString("orderIds", 3));
        Assert.Equal(0, reader.ArrayLength("n"));
        Assert.Equal(-1, reader.ArrayLength("missing"));
    }

    [Theory]
    [InlineData("", JsonReader.ErrorNotAnObject)]
    [InlineData("[1]", JsonReader.ErrorNotAnObject)]
    [InlineData("{", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":1,}", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":1} x", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":01}", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":-}", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":\"\\x\"}", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":\"\\u12g4\"}", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":\"PA\\u0000ID\"}", JsonReader.ErrorMalformed)] // nanoFramework strings end at U+0000
    [InlineData("{\"a\":\"tab\there\"}", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":tru}", JsonReader.ErrorMalformed)]
    [InlineData("{\"a\":1,\"a\":2}", JsonReader.ErrorDuplicateKey)]
    [InlineData("{\"status\":\"PENDING\",\"st\\u0061tus\":\"PAID\"}", JsonReader.ErrorDuplicateKey)]
    [InlineData("{\"\\ud83d\\ude00\":1,\"😀\":2}", JsonReader.ErrorDuplicateKey)]
    [InlineData("{\"a\":[[[[1]]]]}", JsonReader.ErrorTooDeep)]
    public void Malformed_texts_are_refused_with_a_clear_error(string json, int expectedError)
    {
        var reader = Read(json, out int error);
        Assert.Equal(expectedError, error);
        Assert.Equal(0, reader.MemberCount);
        Assert.Equal(-1, reader.Find("a"));
    }

    [Fact]
    public void Too_long_strings_and_too_many_members_are_refused()
    {
        Read("{\"a\":\"" + new string('x', 33) + "\"}", out int error, maxString: 32);
        Assert.Equal(JsonReader.ErrorStringTooLong, error);
        string many = "{" + string.Join(",", Enumerable.Range(0, JsonReader.MaxMembers + 1).Select(i => "\"k" + i + "\":1")) + "}";
        Read(many, out error);
        Assert.Equal(JsonReader.ErrorTooManyMembers, error);
    }

    [Fact]
    public void A_text_longer_than_the_index_can_address_is_refused_and_a_shorter_one_still_read()
    {
        // The index keeps byte offsets as 16-bit numbers: a text ending past MaxTextBytes is refused, not misread.
        string value = new string('x', 100);
        string body = "{\"a\":\"" + value + "\"}";
        byte[] padded = new byte[JsonReader.MaxTextBytes + 10];
        byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
        int offset = JsonReader.MaxTextBytes - bodyBytes.Length + 1; // the last byte lies one past the limit
        Array.Copy(bodyBytes, 0, padded, offset, bodyBytes.Length);
        var reader = new JsonReader(256);
        Assert.Equal(JsonReader.ErrorTextTooLong, reader.Parse(padded, offset, bodyBytes.Length));
        Assert.Equal(-1, reader.Find("a"));
        Assert.Equal(JsonReader.ErrorTextTooLong, reader.Parse(padded, 0, -1));

        Array.Clear(padded);
        Array.Copy(bodyBytes, 0, padded, offset - 1, bodyBytes.Length); // now it ends exactly at the limit
        Assert.Equal(JsonReader.Ok, reader.Parse(padded, offset - 1, bodyBytes.Length));
        Assert.Equal(value, reader.GetString("a"));
    }

    [Fact]
    public void Fractions_exponents_and_huge_integers_are_never_read_as_amounts()
    {
        var reader = Read("{\"a\":1.5,\"b\":1e3,\"c\":1234567890123456789012}", out int error);
        Assert.Equal(JsonReader.Ok, error);
        Assert.False(reader.TryGetInteger("a", out _));
        Assert.False(reader.TryGetInteger("b", out _));
        Assert.False(reader.TryGetInteger("c", out _));
    }

    [Fact]
    public void Reading_a_status_response_allocates_nothing()
    {
        byte[] body = Encoding.UTF8.GetBytes("{\"orderId\":\"T0001-0011223344556677-000001\",\"status\":\"PENDING\",\"amountMinor\":12500,\"currency\":\"NOK\",\"code\":\"https://qr.alipay.com/bax03431ljhokirwl38f00a7\",\"expiresInSeconds\":120}");
        var reader = new JsonReader(256);
        reader.Parse(body, 0, body.Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool all = true;
        for (int i = 0; i < 100; i++)
        {
            all &= reader.Parse(body, 0, body.Length) == JsonReader.Ok;
            all &= reader.StringEquals("status", "PENDING") && reader.StringEquals("orderId", "T0001-0011223344556677-000001");
            all &= reader.TryGetInteger("amountMinor", out long amount) && amount == 12500;
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(all);
    }
}
