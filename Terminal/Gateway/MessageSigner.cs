using Terminal.Drivers.Network;
using Terminal.Text;

namespace Terminal.Gateway
{
    /// <summary>
    /// Signs requests and checks responses as docs/gateway-protocol.md ("Signatures") defines:
    /// HMAC-SHA256 with the terminal's secret over LF-separated lines - a tag, the terminal id, (for responses
    /// the status,) method, path, (for responses the request's nonce,) timestamp, nonce and the lowercase hex
    /// SHA-256 of the body. The response signs the request's nonce, so an old response can never answer a new
    /// request. Everything is fed to the MAC directly from the caller's buffers: nothing is allocated.
    /// </summary>
    public sealed class MessageSigner
    {
        public const int SignatureHexChars = 64;
        public const string RequestTag = "GW1-REQ";
        public const string ResponseTag = "GW1-RES";

        private readonly string _terminalId;
        // One SHA-256 state for the body hash and the MAC: the body is hashed before the MAC's message starts.
        private readonly Sha256 _hash = new Sha256();
        private readonly HmacSha256 _mac;
        // The body's hash while the MAC's lines are fed, then the MAC itself (Finish writes it after the last line).
        private readonly byte[] _expected = new byte[HmacSha256.MacBytes];
        private readonly byte[] _received = new byte[HmacSha256.MacBytes];

        public MessageSigner(string terminalId, byte[] key)
        {
            _terminalId = terminalId;
            _mac = new HmacSha256(_hash);
            _mac.SetKey(key, 0, key.Length);
        }

        /// <summary>Writes the request's 64 hex signature characters into signatureHex.</summary>
        public void SignRequest(string method, string path, char[] timestamp, int timestampLength,
            char[] nonce, int nonceLength, byte[] body, int bodyLength, char[] signatureHex)
        {
            HashBody(body, bodyLength);
            _mac.Reset();
            Line(RequestTag);
            Line(_terminalId);
            Line(method);
            Line(path);
            Line(timestamp, timestampLength);
            Line(nonce, nonceLength);
            BodyHashLine();
            _mac.Finish(_expected, 0);
            Hex.Write(_expected, 0, HmacSha256.MacBytes, signatureHex, 0);
        }

        /// <summary>
        /// True when the response's signature (64 hex characters) is the MAC of this response to this request;
        /// compared in constant time. The request's nonce and the response's timestamp, nonce and signature are read
        /// from their header slots (each present: the caller checks): ten arguments instead of thirteen values, because
        /// the caller's evaluation stack holds them in a call frame on nanoCLR's heap at the deepest point of every
        /// exchange (docs/memory.md).
        /// </summary>
        public bool VerifyResponse(int status, string method, string path, HttpHeaderBlock requestHeaders, int requestNonceSlot,
            HttpResponseBuffer response, int timestampSlot, int nonceSlot, int signatureSlot)
        {
            HttpHeaderBlock headers = response.Headers;
            char[] signatureHex = headers.Value(signatureSlot);
            if (headers.ValueLength(signatureSlot) != SignatureHexChars || status < 100 || status > 999) return false;
            for (int i = 0; i < HmacSha256.MacBytes; i++)
            {
                int hi = Hex.LowerCaseValue(signatureHex[2 * i]); // the protocol writes lowercase only
                int lo = Hex.LowerCaseValue(signatureHex[2 * i + 1]);
                if (hi < 0 || lo < 0) return false;
                _received[i] = (byte)((hi << 4) | lo);
            }
            HashBody(response.Body, response.BodyLength);
            _mac.Reset();
            Line(ResponseTag);
            Line(_terminalId);
            _hash.Update((byte)('0' + status / 100));
            _hash.Update((byte)('0' + status / 10 % 10));
            _hash.Update((byte)('0' + status % 10));
            _hash.Update((byte)'\n');
            Line(method);
            Line(path);
            Line(requestHeaders.Value(requestNonceSlot), requestHeaders.ValueLength(requestNonceSlot));
            Line(headers.Value(timestampSlot), headers.ValueLength(timestampSlot));
            Line(headers.Value(nonceSlot), headers.ValueLength(nonceSlot));
            BodyHashLine();
            _mac.Finish(_expected, 0);
            int difference = 0;
            for (int i = 0; i < HmacSha256.MacBytes; i++) difference |= _expected[i] ^ _received[i];
            return difference == 0;
        }

        // The lines go straight into the hash state the MAC computes on (between _mac.Reset and _mac.Finish that
        // is the MAC's message): one call frame less at the deepest point of every exchange, which on nanoCLR
        // costs heap (docs/memory.md). The signed fields are ASCII: one byte per character.
        private void Line(string text)
        {
            for (int i = 0; i < text.Length; i++) _hash.Update((byte)text[i]);
            _hash.Update((byte)'\n');
        }

        private void Line(char[] text, int length)
        {
            for (int i = 0; i < length; i++) _hash.Update((byte)text[i]);
            _hash.Update((byte)'\n');
        }

        /// <summary>The body's SHA-256 into _expected; before the MAC's message starts, as the two share one hash state.</summary>
        private void HashBody(byte[] body, int bodyLength)
        {
            _hash.Reset();
            if (bodyLength > 0) _hash.Update(body, 0, bodyLength);
            _hash.Finish(_expected, 0);
        }

        /// <summary>The last line: the body's SHA-256 (<see cref="HashBody"/>) in lowercase hex, no newline after it.</summary>
        private void BodyHashLine()
        {
            for (int i = 0; i < Sha256.HashBytes; i++)
            {
                _hash.Update((byte)Hex.Digit(_expected[i] >> 4));
                _hash.Update((byte)Hex.Digit(_expected[i]));
            }
        }
    }
}
