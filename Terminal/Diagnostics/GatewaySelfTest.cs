using System;
using Terminal.Gateway;
using Terminal.Text;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Known-answer items of the gateway part: SHA-256 (FIPS 180-4 examples), HMAC-SHA256 (RFC 4231 cases 1
    /// and 2), the request signature of docs/gateway-protocol.md, the JSON writer on a fixed create request and
    /// the reader on a fixed status answer. Probe items: HMAC-SHA256 of a 1 KB body, reading a status answer.
    /// </summary>
    public static class GatewaySelfTest
    {
        public const string CreateRequestJson =
            "{\"orderId\":\"T0001-0011223344556677-000001\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expirySeconds\":120}";
        public const string StatusResponseJson =
            "{\"orderId\":\"T0001-0011223344556677-000001\",\"status\":\"PAID\",\"amountMinor\":12500,\"currency\":\"NOK\","
            + "\"code\":\"https://qr.alipay.com/bax03431ljhokirwl38f00a7\",\"expiresInSeconds\":97}";

        public static void Run(SelfTestReport report)
        {
            byte[] text = new byte[256];
            byte[] key = new byte[32];
            byte[] digest = new byte[32];
            Sha256 sha = new Sha256();
            HmacSha256 mac = new HmacSha256();

            try
            {
                int n = Utf8.Encode("abc", text, 0);
                sha.Update(text, 0, n);
                sha.Finish(digest, 0);
                report.ExpectHex("gateway.sha256.abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", digest, 0, 32);
            }
            catch (Exception e) { report.Crashed("gateway.sha256.abc", e); }

            try
            {
                int n = Utf8.Encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", text, 0);
                sha.Update(text, 0, n);
                sha.Finish(digest, 0);
                report.ExpectHex("gateway.sha256.twoBlock", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", digest, 0, 32);
            }
            catch (Exception e) { report.Crashed("gateway.sha256.twoBlock", e); }

            try
            {
                for (int i = 0; i < 20; i++) key[i] = 0x0b;
                mac.SetKey(key, 0, 20);
                int n = Utf8.Encode("Hi There", text, 0);
                mac.Update(text, 0, n);
                mac.Finish(digest, 0);
                report.ExpectHex("gateway.hmac.rfc4231.1", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", digest, 0, 32);
            }
            catch (Exception e) { report.Crashed("gateway.hmac.rfc4231.1", e); }

            try
            {
                int k = Utf8.Encode("Jefe", key, 0);
                mac.SetKey(key, 0, k);
                int n = Utf8.Encode("what do ya want for nothing?", text, 0);
                mac.Update(text, 0, n);
                mac.Finish(digest, 0);
                report.ExpectHex("gateway.hmac.rfc4231.2", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", digest, 0, 32);
            }
            catch (Exception e) { report.Crashed("gateway.hmac.rfc4231.2", e); }

            JsonWriter writer = new JsonWriter(256);
            try
            {
                WriteCreateRequest(writer);
                report.ExpectText("gateway.json.writeCreate", CreateRequestJson, Utf8.Decode(writer.Buffer, 0, writer.Length));
            }
            catch (Exception e) { report.Crashed("gateway.json.writeCreate", e); }

            try
            {
                // The signature of that create request (key 01..20 hex, fixed timestamp and nonce), computed independently.
                for (int i = 0; i < 32; i++) key[i] = (byte)(i + 1);
                MessageSigner signer = new MessageSigner("T0001", key);
                char[] timestamp = "1790000000".ToCharArray();
                char[] nonce = "0011223344556677".ToCharArray();
                char[] signature = new char[MessageSigner.SignatureHexChars];
                signer.SignRequest("POST", GatewayPaths.Create, timestamp, timestamp.Length, nonce, nonce.Length,
                    writer.Buffer, writer.Length, signature);
                report.ExpectText("gateway.sign.request", "c5dbc0b13152c1c8ca84740f5750c745c3405558fab7bc809b348ed301c2be19", new string(signature));
            }
            catch (Exception e) { report.Crashed("gateway.sign.request", e); }

            try
            {
                JsonReader reader = new JsonReader(256);
                int n = Utf8.Encode(StatusResponseJson, text, 0);
                long amount;
                bool read = reader.Parse(text, 0, n) == JsonReader.Ok
                    && reader.StringEquals("orderId", "T0001-0011223344556677-000001")
                    && reader.StringEquals("status", GatewayPaths.StatusPaid)
                    && reader.TryGetInteger("amountMinor", out amount) && amount == 12500
                    && reader.StringEquals("currency", "NOK");
                report.ExpectTrue("gateway.json.readStatus", read, "the fixed PAID answer was not read as PAID 12500 NOK");
            }
            catch (Exception e) { report.Crashed("gateway.json.readStatus", e); }
        }

        /// <summary>Times HMAC-SHA256 over a 1 KB body and the reading of a status answer.</summary>
        public static void Run(ProbeReport probe, int repetitions)
        {
            ProbeWork work = new ProbeWork();
            probe.Time("gateway.hmac1k", repetitions, work.Mac1k);
            probe.Time("gateway.parseStatus", repetitions, work.ParseStatus);
        }

        private static void WriteCreateRequest(JsonWriter writer)
        {
            writer.BeginObject();
            writer.Member("orderId", "T0001-0011223344556677-000001");
            writer.Member("amountMinor", 12500);
            writer.Member("currency", "NOK");
            writer.Member("expirySeconds", 120);
            writer.EndObject();
        }

        /// <summary>The probe's operations and their buffers, made once.</summary>
        private sealed class ProbeWork
        {
            private readonly HmacSha256 _mac = new HmacSha256();
            private readonly byte[] _body = new byte[1024];
            private readonly byte[] _output = new byte[32];
            private readonly JsonReader _reader = new JsonReader(256);
            private readonly byte[] _status = new byte[256];
            private readonly int _statusLength;

            public ProbeWork()
            {
                _mac.SetKey(_output, 0, 32);
                for (int i = 0; i < _body.Length; i++) _body[i] = (byte)i;
                _statusLength = Utf8.Encode(StatusResponseJson, _status, 0);
            }

            public void Mac1k()
            {
                _mac.Update(_body, 0, _body.Length);
                _mac.Finish(_output, 0);
            }

            public void ParseStatus()
            {
                _reader.Parse(_status, 0, _statusLength);
                _reader.StringEquals("status", GatewayPaths.StatusPaid);
            }
        }
    }
}
