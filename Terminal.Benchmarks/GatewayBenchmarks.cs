using System.Text;
using BenchmarkDotNet.Attributes;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Network;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;

namespace Terminal.Benchmarks;

/// <summary>
/// The gateway client's own costs on the host: HMAC-SHA256 of a 1 KB body (ours and .NET's), reading a status
/// answer, and one whole long-poll cycle against an in-memory gateway whose answer is prepared once (so the
/// figure is the client's: sign, check the signature, parse, validate).
/// </summary>
[MemoryDiagnoser]
public class GatewayBenchmarks
{
    private const string OrderId = "T0001-0011223344556677-000001";
    private readonly HmacSha256 _mac = new();
    private readonly byte[] _key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly byte[] _body = new byte[1024];
    private readonly byte[] _output = new byte[32];
    private readonly JsonReader _reader = new(256);
    private byte[] _status = Array.Empty<byte>();
    private GatewayClient _client = null!;
    private readonly GatewayReply _reply = new();

    [GlobalSetup]
    public void Setup()
    {
        _mac.SetKey(_key, 0, _key.Length);
        new Random(1).NextBytes(_body);
        _status = Encoding.UTF8.GetBytes(Terminal.Diagnostics.GatewaySelfTest.StatusResponseJson);
        var clock = new FakeWallClock(1_790_000_000);
        var config = new GatewayConfig { TerminalId = "T0001", Key = _key };
        _client = new GatewayClient(config, new ReplayingGateway(_key, clock), clock, new FakeClock(0), new Random(1));
    }

    [Benchmark]
    public byte Hmac1kOurs()
    {
        _mac.Update(_body, 0, _body.Length);
        _mac.Finish(_output, 0);
        return _output[0];
    }

    [Benchmark(Baseline = true)]
    public byte Hmac1kDotNet() => System.Security.Cryptography.HMACSHA256.HashData(_key, _body)[0];

    [Benchmark]
    public bool ParseStatus() => _reader.Parse(_status, 0, _status.Length) == JsonReader.Ok && _reader.StringEquals("status", "PAID");

    [Benchmark]
    public int LongPollCycleInMemory()
    {
        _client.WaitForOutcome(OrderId, 12500, "NOK", 20000, _reply);
        return _reply.Outcome;
    }

    /// <summary>
    /// Answers every wait with a correctly signed PENDING for the request's nonce. Signing uses the server's
    /// public SignResponse (allocates; it stands in for the gateway, not the terminal).
    /// </summary>
    private sealed class ReplayingGateway(byte[] key, IWallClock clock) : IHttpTransport
    {
        private readonly byte[] _answer = Encoding.UTF8.GetBytes("{\"orderId\":\"" + OrderId
            + "\",\"status\":\"PENDING\",\"amountMinor\":12500,\"currency\":\"NOK\",\"code\":\"https://qr.alipay.com/bax03431ljhokirwl38f00a7\",\"expiresInSeconds\":97}");

        public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength, HttpResponseBuffer response, int timeoutMs)
        {
            string nonce = headers.ValueText(headers.IndexOf("X-Nonce"))!;
            string timestamp = clock.UnixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Array.Copy(_answer, response.Body, _answer.Length);
            response.BodyLength = _answer.Length;
            response.Headers.Set(0, timestamp);
            response.Headers.Set(1, "00112233aabbccdd");
            response.Headers.Set(2, ProtocolSigning.ResponseSignature(key, "T0001", 200, method, path, nonce, timestamp, "00112233aabbccdd", _answer));
            return 200;
        }
    }
}
