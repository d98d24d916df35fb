using System.Text;
using Terminal.Drivers.Network;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;

namespace Terminal.Tests.Gateway;

/// <summary>
/// An in-memory gateway for answers no honest gateway gives: the test scripts the status and body of each
/// answer, and the transport signs it the way the protocol says (with the server's independent signing), or
/// not, or with a skewed timestamp. It counts its own allocations, so a test can tell the client's apart.
/// </summary>
public sealed class ScriptedTransport : IHttpTransport
{
    public delegate (int Status, byte[] Body) Answer(string path, byte[] requestBody);

    private readonly string _terminalId;
    private readonly byte[] _key;
    private readonly Func<long> _nowUnix;

    public Answer Script = (_, _) => (200, Encoding.UTF8.GetBytes("{}"));
    public bool SignAnswers = true;
    public long TimestampSkewSeconds;
    public int ReturnTransportError;
    public bool Throw;
    public long OwnAllocatedBytes;
    public int Calls;

    public ScriptedTransport(string terminalId, byte[] key, Func<long> nowUnix)
    {
        _terminalId = terminalId;
        _key = key;
        _nowUnix = nowUnix;
    }

    public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength, HttpResponseBuffer response, int timeoutMs)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            Calls++;
            if (Throw) throw new InvalidOperationException("adapter bug");
            if (ReturnTransportError != 0) return ReturnTransportError;
            string requestNonce = headers.ValueText(headers.IndexOf("X-Nonce")) ?? "";
            var (status, answer) = Script(path, body.AsSpan(0, bodyLength).ToArray());
            if (answer.Length > response.Body.Length) return TransportError.ResponseTooLarge;
            Array.Copy(answer, response.Body, answer.Length);
            response.BodyLength = answer.Length;
            if (SignAnswers)
            {
                string timestamp = (_nowUnix() + TimestampSkewSeconds).ToString();
                string nonce = "00112233aabbccdd";
                string signature = ProtocolSigning.ResponseSignature(_key, _terminalId, status, method, path, requestNonce, timestamp, nonce, answer);
                response.Headers.Set(response.Headers.IndexOf("X-Timestamp"), timestamp);
                response.Headers.Set(response.Headers.IndexOf("X-Nonce"), nonce);
                response.Headers.Set(response.Headers.IndexOf("X-Signature"), signature);
            }
            return status;
        }
        finally
        {
            OwnAllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    public static byte[] Order(string orderId, string status, long amountMinor = 12500, string currency = "NOK",
        string code = "https://qr.alipay.com/bax03431ljhokirwl38f00a7", long expiresIn = 100) =>
        Encoding.UTF8.GetBytes("{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\",\"amountMinor\":" + amountMinor
            + ",\"currency\":\"" + currency + "\",\"code\":\"" + code + "\",\"expiresInSeconds\":" + expiresIn + "}");
}
