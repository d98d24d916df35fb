using System.Text;
using Terminal.Drivers.Network;
using Terminal.Gateway;
using Gateway.Server.Protocol;

namespace Terminal.Tests.Memory;

/// <summary>
/// The gateway of the heap scenario (as tools/nanoclr/heap/BenchGateway.cs answers in nanoCLR), in memory and
/// signed with the gateway server's independent signing: no open orders, a create answers PENDING with the payment
/// code, a wait blocks until <see cref="Pay"/> and answers PAID. Runs on the firmware's network worker, so it
/// also reads that thread's allocation counter at each call: what the firmware allocated on the worker
/// before this exchange, the transport's own allocations left out.
/// </summary>
public sealed class HeapGuardTransport : IHttpTransport
{
    public const string PaymentCode = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

    private readonly string _terminalId;
    private readonly byte[] _key;
    private readonly long _unixSeconds;
    private readonly ManualResetEventSlim _paid = new(false);
    private long _ownBytes;
    private long _workerFirmwareBytes;
    private int _exchanges;

    public HeapGuardTransport(string terminalId, byte[] key, long unixSeconds)
    {
        _terminalId = terminalId;
        _key = key;
        _unixSeconds = unixSeconds;
    }

    /// <summary>Bytes the firmware had allocated on the worker thread when the latest exchange began.</summary>
    public long WorkerFirmwareBytes => Interlocked.Read(ref _workerFirmwareBytes);

    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>The tourist pays: the wait in progress (or the next one) answers PAID.</summary>
    public void Pay() => _paid.Set();

    /// <summary>The heap run never cancels a sale: nothing to abort (a wait in progress ends on Pay).</summary>
    public void AbortExchange()
    {
    }

    public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength, HttpResponseBuffer response, int timeoutMs)
    {
        long entry = GC.GetAllocatedBytesForCurrentThread();
        Interlocked.Exchange(ref _workerFirmwareBytes, entry - _ownBytes);
        try
        {
            Interlocked.Increment(ref _exchanges);
            string request = Encoding.UTF8.GetString(body, 0, bodyLength);
            string answer;
            if (path == GatewayPaths.Open) answer = "{\"orderIds\":[]}";
            else if (path == GatewayPaths.Create) answer = Order(request, GatewayPaths.StatusPending);
            else if (path == GatewayPaths.Wait)
            {
                if (!_paid.Wait(TimeSpan.FromSeconds(10))) return TransportError.Timeout;
                answer = Order(request, GatewayPaths.StatusPaid);
            }
            else answer = "{}";
            return SignedAnswer(_key, _terminalId, _unixSeconds, method, path, headers, response, answer);
        }
        finally
        {
            _ownBytes += GC.GetAllocatedBytesForCurrentThread() - entry;
        }
    }

    /// <summary>
    /// A 200 answer with this body, signed over the request's nonce with the gateway server's independent signing,
    /// as the gateway answers (the in-memory gateways of the tests share it).
    /// </summary>
    public static int SignedAnswer(byte[] key, string terminalId, long unixSeconds, string method, string path,
        HttpHeaderBlock headers, HttpResponseBuffer response, string answer)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(answer);
        Array.Copy(bytes, response.Body, bytes.Length);
        response.BodyLength = bytes.Length;
        string timestamp = unixSeconds.ToString();
        const string nonce = "00112233aabbccdd";
        string requestNonce = headers.ValueText(headers.IndexOf(GatewayPaths.NonceHeader)) ?? "";
        string signature = ProtocolSigning.ResponseSignature(key, terminalId, 200, method, path, requestNonce, timestamp, nonce, bytes);
        response.Headers.Set(response.Headers.IndexOf(GatewayPaths.TimestampHeader), timestamp);
        response.Headers.Set(response.Headers.IndexOf(GatewayPaths.NonceHeader), nonce);
        response.Headers.Set(response.Headers.IndexOf(GatewayPaths.SignatureHeader), signature);
        return 200;
    }

    private static string Order(string request, string status)
    {
        string orderId = System.Text.Json.JsonDocument.Parse(request).RootElement.GetProperty("orderId").GetString()!;
        return "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\",\"amountMinor\":12500,\"currency\":\"NOK\",\"code\":\""
            + PaymentCode + "\",\"expiresInSeconds\":100}";
    }
}
