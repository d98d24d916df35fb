using System;
using Terminal.Drivers.Network;
using Terminal.Gateway;
using Terminal.Text;

namespace Terminal.Bench
{
    /// <summary>
    /// The gateway of docs/gateway-protocol.md in memory, for the heap scenario in nanoCLR: no open orders,
    /// a create answers PENDING with a payment code, a wait PENDING until <see cref="Pay"/> and PAID after it,
    /// a ping {}. Answers are
    /// signed over the request's nonce as the protocol says, so the firmware's checks run as in the field.
    /// Its buffers are made once; each answer allocates its JSON text (a few hundred bytes of garbage), which
    /// the heap figure includes: the device's HTTP stack allocates at least as much.
    /// </summary>
    public sealed class BenchGateway : IHttpTransport
    {
        public const string PaymentCode = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";
        private const string ResponseNonce = "00112233aabbccdd";
        private const string HexDigits = "0123456789abcdef";

        private readonly string _terminalId;
        // One hash state for the body hash and the MAC (the body is hashed first), as the firmware's MessageSigner.
        private readonly Sha256 _hash = new Sha256();
        private readonly HmacSha256 _mac;
        private readonly byte[] _digest = new byte[32];
        private readonly long _unixSeconds;
        private readonly char[] _orderId = new char[64];
        private int _orderIdLength;

        private bool _paid;

        public int Exchanges;

        /// <summary>The tourist's wallet pays the order: waits answer PAID from now on (PENDING before).</summary>
        public void Pay()
        {
            _paid = true;
        }

        public BenchGateway(string terminalId, byte[] key, long unixSeconds)
        {
            _terminalId = terminalId;
            _mac = new HmacSha256(_hash);
            _mac.SetKey(key, 0, key.Length);
            _unixSeconds = unixSeconds;
        }

        /// <summary>The heap scenario never cancels a sale, and every answer here is immediate: nothing to abort.</summary>
        public void AbortExchange()
        {
        }

        public int Send(string method, string path, HttpHeaderBlock headers, byte[] body, int bodyLength,
            HttpResponseBuffer response, int timeoutMs)
        {
            Exchanges++;
            ReadOrderId(body, bodyLength);
            string answer;
            if (path == GatewayPaths.Open) answer = "{\"orderIds\":[]}";
            else if (path == GatewayPaths.Ping) answer = "{}";
            else if (path == GatewayPaths.Create) answer = Order(GatewayPaths.StatusPending);
            else answer = Order(_paid ? GatewayPaths.StatusPaid : GatewayPaths.StatusPending);
            response.BodyLength = Utf8.Encode(answer, response.Body, 0);

            HttpHeaderBlock h = response.Headers;
            int timestampSlot = h.IndexOf(GatewayPaths.TimestampHeader);
            h.SetLength(timestampSlot, AsciiDecimal.Write(_unixSeconds, h.Value(timestampSlot), 0));
            h.Set(h.IndexOf(GatewayPaths.NonceHeader), ResponseNonce);
            int requestNonce = headers.IndexOf(GatewayPaths.NonceHeader);
            int signatureSlot = h.IndexOf(GatewayPaths.SignatureHeader);
            Sign(method, path, headers.Value(requestNonce), headers.ValueLength(requestNonce), h.Value(timestampSlot), h.ValueLength(timestampSlot),
                response.Body, response.BodyLength, h.Value(signatureSlot));
            h.SetLength(signatureSlot, MessageSigner.SignatureHexChars);
            return 200;
        }

        private string Order(string status)
        {
            return "{\"orderId\":\"" + new string(_orderId, 0, _orderIdLength) + "\",\"status\":\"" + status
                + "\",\"amountMinor\":12500,\"currency\":\"NOK\",\"code\":\"" + PaymentCode + "\",\"expiresInSeconds\":100}";
        }

        /// <summary>The value of "orderId" in the request body (the protocol's ids are plain ASCII).</summary>
        private void ReadOrderId(byte[] body, int length)
        {
            const string Key = "\"orderId\":\"";
            _orderIdLength = 0;
            for (int i = 0; i + Key.Length <= length; i++)
            {
                int k = 0;
                while (k < Key.Length && body[i + k] == Key[k]) k++;
                if (k < Key.Length) continue;
                for (int j = i + k; j < length && body[j] != '"' && _orderIdLength < _orderId.Length; j++) _orderId[_orderIdLength++] = (char)body[j];
                return;
            }
        }

        /// <summary>
        /// Signs a 200 answer as the protocol says. Numbers are written as the firmware writes them (AsciiDecimal), not
        /// with ToString: the fake's own call frames (three levels deep in nanoCLR) count in the firmware's heap peak.
        /// </summary>
        private void Sign(string method, string path, char[] requestNonce, int requestNonceLength, char[] timestamp, int timestampLength,
            byte[] body, int bodyLength, char[] signatureHex)
        {
            _hash.Reset();
            _hash.Update(body, 0, bodyLength);
            _hash.Finish(_digest, 0);
            _mac.Reset();
            Line(MessageSigner.ResponseTag);
            Line(_terminalId);
            Line("200");
            Line(method);
            Line(path);
            _mac.UpdateAscii(requestNonce, 0, requestNonceLength);
            _mac.Update((byte)'\n');
            _mac.UpdateAscii(timestamp, 0, timestampLength);
            _mac.Update((byte)'\n');
            Line(ResponseNonce);
            for (int i = 0; i < 32; i++)
            {
                _mac.Update((byte)HexDigits[_digest[i] >> 4]);
                _mac.Update((byte)HexDigits[_digest[i] & 0xF]);
            }
            _mac.Finish(_digest, 0);
            for (int i = 0; i < 32; i++)
            {
                signatureHex[2 * i] = HexDigits[_digest[i] >> 4];
                signatureHex[2 * i + 1] = HexDigits[_digest[i] & 0xF];
            }
        }

        private void Line(string text)
        {
            _mac.UpdateAscii(text);
            _mac.Update((byte)'\n');
        }
    }
}
