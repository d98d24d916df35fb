using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Terminal.Gateway;
using Terminal.Text;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>SHA-256 against FIPS 180-4's examples, HMAC-SHA256 against RFC 4231, both against .NET on random input.</summary>
public class CryptoTests
{
    private static string Sha(byte[] data)
    {
        var sha = new Sha256();
        var digest = new byte[32];
        sha.Update(data, 0, data.Length);
        sha.Finish(digest, 0);
        return Hex.Of(digest, 0, 32);
    }

    private static string Mac(byte[] key, byte[] data)
    {
        var mac = new HmacSha256();
        mac.SetKey(key, 0, key.Length);
        mac.Update(data, 0, data.Length);
        var output = new byte[32];
        mac.Finish(output, 0);
        return Hex.Of(output, 0, 32);
    }

    [Theory]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Sha256_gives_the_FIPS_180_4_example_digests(string message, string expectedHex)
    {
        Assert.Equal(expectedHex, Sha(Encoding.ASCII.GetBytes(message)));
    }

    [Fact]
    public void Sha256_of_a_million_a_fed_in_odd_pieces_gives_the_published_digest()
    {
        var sha = new Sha256();
        byte[] chunk = Enumerable.Repeat((byte)'a', 997).ToArray();
        int left = 1_000_000;
        while (left > 0)
        {
            int n = Math.Min(left, chunk.Length);
            sha.Update(chunk, 0, n);
            left -= n;
        }
        var digest = new byte[32];
        sha.Finish(digest, 0);
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.Of(digest, 0, 32));
    }

    public static TheoryData<string, string, string> Rfc4231 => new()
    {
        // case 1
        { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        // case 2
        { "4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        // case 3
        { new string('a', 40), new string('d', 100), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        // case 4
        { "0102030405060708090a0b0c0d0e0f10111213141516171819", string.Concat(Enumerable.Repeat("cd", 50)), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        // case 6: key longer than the block is hashed first
        { new string('a', 262), "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        // case 7
        { new string('a', 262),
          "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void HmacSha256_gives_the_RFC_4231_test_case_MACs(string keyHex, string dataHex, string expectedHex)
    {
        Assert.Equal(expectedHex, Mac(Convert.FromHexString(keyHex), Convert.FromHexString(dataHex)));
    }

    [Fact]
    public void Sha256_agrees_with_dotnet_on_random_messages_fed_in_random_pieces()
    {
        var gen = Gen.Select(Gen.Byte.Array[0, 600], Gen.Int[1, 130]);
        Property.Check(gen, t =>
        {
            var (data, piece) = t;
            var sha = new Sha256();
            for (int i = 0; i < data.Length; i += piece) sha.Update(data, i, Math.Min(piece, data.Length - i));
            var digest = new byte[32];
            sha.Finish(digest, 0);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), Hex.Of(digest, 0, 32));
        }, 400);
    }

    [Fact]
    public void Sha256_pads_every_message_length_around_the_block_boundaries_as_dotnet_does()
    {
        // Finish pads in the block itself: lengths 55 (padding fits), 56-63 (a second block) and 64 are the edges.
        var sha = new Sha256();
        var digest = new byte[32];
        for (int length = 0; length <= 200; length++)
        {
            var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7 + length)).ToArray();
            sha.Update(data, 0, length);
            sha.Finish(digest, 0);
            Assert.True(Convert.ToHexStringLower(SHA256.HashData(data)) == Hex.Of(digest, 0, 32), "length " + length);
        }
    }

    [Fact]
    public void HmacSha256_agrees_with_dotnet_on_random_keys_and_messages_and_restarts_cleanly()
    {
        var gen = Gen.Select(Gen.Byte.Array[0, 150], Gen.Byte.Array[0, 400]);
        var mac = new HmacSha256();
        var output = new byte[32];
        Property.Check(gen, t =>
        {
            var (key, data) = t;
            mac.SetKey(key, 0, key.Length);
            mac.Update(data, 0, data.Length);
            mac.Finish(output, 0);
            string expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, data));
            Assert.Equal(expected, Hex.Of(output, 0, 32));
            // Same key, second message: Finish must have restarted with the key's inner pad.
            mac.Update(data, 0, data.Length);
            mac.Finish(output, 0);
            Assert.Equal(expected, Hex.Of(output, 0, 32));
        }, 400);
    }

    [Fact]
    public void Hashing_and_macing_a_message_allocates_nothing()
    {
        var mac = new HmacSha256();
        byte[] key = new byte[32];
        byte[] body = new byte[1024];
        byte[] output = new byte[32];
        mac.SetKey(key, 0, key.Length);
        mac.Update(body, 0, body.Length);
        mac.Finish(output, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            mac.Update(body, 0, body.Length);
            mac.UpdateAscii("POST /v1/orders/wait");
            mac.Finish(output, 0);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
