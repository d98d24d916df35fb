using System.Text;
using System.Text.Json;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>
/// Fuzzing the response path: random bytes, random JSON-ish text and mutations of a real PAID answer, all
/// correctly signed so they reach the parser. No crash, no hang, no allocation in the reader, and Paid only
/// when the body really says PAID for this order, amount and currency (System.Text.Json is the oracle).
/// </summary>
public class ResponseFuzzTests
{
    private const string Id = "T0001-0011223344556677-000001";
    private const string Punctuation = " \t\n{}[]\":,\\0123456789-.eE";
    private static readonly string[] Tokens =
    {
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "00e9", "\\ud83d", "orderId", "status", "PAID", "PENDING", "amountMinor",
        "currency", "NOK", "12500", "-", "0", "1e9", ".5", "true", "null", " ", "\n", "\u00f8", "\ud83d\ude00", Id, "expiresInSeconds",
    };

    [Fact]
    public void The_reader_survives_random_and_mutated_bodies_without_throwing_or_allocating()
    {
        var rng = new Random(31337);
        var reader = new JsonReader(256);
        byte[] valid = ScriptedTransport.Order(Id, "PAID");
        var bodies = new List<byte[]>();
        for (int i = 0; i < 20_000; i++) bodies.Add(RandomBody(rng, valid));

        long before = GC.GetAllocatedBytesForCurrentThread();
        int ok = 0;
        foreach (byte[] body in bodies)
        {
            if (reader.Parse(body, 0, body.Length) == JsonReader.Ok)
            {
                ok++;
                reader.StringEquals("status", "PAID");
                reader.TryGetInteger("amountMinor", out _);
            }
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.InRange(ok, 100, bodies.Count - 100); // the mutations reach both sides of the parser

        // What the reader accepts is JSON (the reader is stricter: no duplicates, bounded depth and sizes).
        foreach (byte[] body in bodies)
        {
            if (reader.Parse(body, 0, body.Length) != JsonReader.Ok) continue;
            using var doc = JsonDocument.Parse(body);
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }
    }

    [Fact]
    public void The_client_fed_signed_fuzz_never_crashes_and_says_paid_only_for_a_true_paid_answer()
    {
        var rng = new Random(4711);
        var clock = new FakeWallClock(1_790_000_000);
        var transport = new ScriptedTransport(GatewayHarness.TerminalId, GatewayHarness.Key, () => clock.UnixSeconds);
        var client = new GatewayClient(new GatewayConfig { TerminalId = GatewayHarness.TerminalId, Key = GatewayHarness.Key, MaxResponseBytes = 2048 },
            transport, clock, new FakeClock(0), new Random(3));
        var reply = new GatewayReply();
        byte[] valid = ScriptedTransport.Order(Id, "PAID");
        int paid = 0;
        for (int i = 0; i < 5_000; i++)
        {
            byte[] body = RandomBody(rng, valid);
            transport.Script = (_, _) => (200, body);
            client.WaitForOutcome(Id, 12500, "NOK", 0, reply);
            Assert.NotEqual(GatewayOutcome.None, reply.Outcome);
            if (reply.Outcome == GatewayOutcome.Paid)
            {
                paid++;
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                Assert.Equal(Id, root.GetProperty("orderId").GetString());
                Assert.Equal("PAID", root.GetProperty("status").GetString());
                Assert.Equal(12500, root.GetProperty("amountMinor").GetInt64());
                Assert.Equal("NOK", root.GetProperty("currency").GetString());
            }
            else
            {
                Assert.NotNull(reply.ErrorCode);
            }
        }
        Assert.True(paid > 0, "no mutation kept the answer valid: the oracle was never exercised");
    }

    /// <summary>A third random bytes, a third token soup, a third mutations of a valid answer.</summary>
    private static byte[] RandomBody(Random rng, byte[] valid)
    {
        switch (rng.Next(3))
        {
            case 0:
            {
                var bytes = new byte[rng.Next(0, 300)];
                rng.NextBytes(bytes);
                if (bytes.Length > 0 && rng.Next(2) == 0) bytes[0] = (byte)'{';
                return bytes;
            }
            case 1:
            {
                var text = new StringBuilder("{");
                int n = rng.Next(1, 40);
                for (int i = 0; i < n; i++) text.Append(Tokens[rng.Next(Tokens.Length)]);
                if (rng.Next(2) == 0) text.Append('}');
                return Encoding.UTF8.GetBytes(text.ToString());
            }
            default:
            {
                var bytes = new List<byte>(valid);
                int edits = rng.Next(1, 4);
                for (int e = 0; e < edits && bytes.Count > 0; e++)
                {
                    int at = rng.Next(bytes.Count);
                    switch (rng.Next(5))
                    {
                        case 0: bytes[at] = (byte)rng.Next(256); break;
                        case 1: bytes.RemoveAt(at); break;
                        case 2: bytes.Insert(at, (byte)Punctuation[rng.Next(Punctuation.Length)]); break;
                        case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                        default: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[rng.Next(Tokens.Length)])); break;
                    }
                }
                return bytes.ToArray();
            }
        }
    }
}
