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
            Items items = new Items();
            report.Check("gateway.sha256.abc", items.Sha256Abc);
            report.Check("gateway.sha256.twoBlock", items.Sha256TwoBlock);
            report.Check("gateway.hmac.rfc4231.1", items.HmacCase1);
            report.Check("gateway.hmac.rfc4231.2", items.HmacCase2);
            report.Check("gateway.json.writeCreate", items.WriteCreate);
            report.Check("gateway.sign.request", items.SignRequest);
            report.Check("gateway.json.readStatus", items.ReadStatus);
        }

        /// <summary>The items and the buffers they share, made once per run.</summary>
        private sealed class Items
        {
            private readonly byte[] _text = new byte[256];
            private readonly byte[] _key = new byte[32];
            private readonly byte[] _digest = new byte[32];
            private readonly Sha256 _sha = new Sha256();
            private readonly HmacSha256 _mac = new HmacSha256();
            private readonly JsonWriter _writer = new JsonWriter(256);

            public void Sha256Abc(SelfTestReport report)
            {
                ExpectSha256(report, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            }

            public void Sha256TwoBlock(SelfTestReport report)
            {
                ExpectSha256(report, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
            }

            public void HmacCase1(SelfTestReport report)
            {
                for (int i = 0; i < 20; i++) _key[i] = 0x0b;
                ExpectHmac(report, 20, "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
            }

            public void HmacCase2(SelfTestReport report)
            {
                ExpectHmac(report, Utf8.Encode("Jefe", _key, 0), "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
            }

            public void WriteCreate(SelfTestReport report)
            {
                WriteCreateRequest(_writer);
                report.ExpectText(CreateRequestJson, Utf8.Decode(_writer.Buffer, 0, _writer.Length));
            }

            /// <summary>The signature of the create request (key 01..20 hex, fixed timestamp and nonce), computed independently.</summary>
            public void SignRequest(SelfTestReport report)
            {
                WriteCreateRequest(_writer);
                for (int i = 0; i < 32; i++) _key[i] = (byte)(i + 1);
                MessageSigner signer = new MessageSigner("T0001", _key);
                char[] timestamp = "1790000000".ToCharArray();
                char[] nonce = "0011223344556677".ToCharArray();
                char[] signature = new char[MessageSigner.SignatureHexChars];
                signer.SignRequest("POST", GatewayPaths.Create, timestamp, timestamp.Length, nonce, nonce.Length,
                    _writer.Buffer, _writer.Length, signature);
                report.ExpectText("c5dbc0b13152c1c8ca84740f5750c745c3405558fab7bc809b348ed301c2be19", new string(signature));
            }

            public void ReadStatus(SelfTestReport report)
            {
                JsonReader reader = new JsonReader(256);
                int n = Utf8.Encode(StatusResponseJson, _text, 0);
                long amount;
                bool read = reader.Parse(_text, 0, n) == JsonReader.Ok
                    && reader.StringEquals("orderId", "T0001-0011223344556677-000001")
                    && reader.StringEquals("status", GatewayPaths.StatusPaid)
                    && reader.TryGetInteger("amountMinor", out amount) && amount == 12500
                    && reader.StringEquals("currency", "NOK");
                report.ExpectTrue(read, "the fixed PAID answer was not read as PAID 12500 NOK");
            }

            private void ExpectSha256(SelfTestReport report, string message, string expectedHex)
            {
                int n = Utf8.Encode(message, _text, 0);
                _sha.Update(_text, 0, n);
                _sha.Finish(_digest, 0);
                report.ExpectHex(expectedHex, _digest, 0, 32);
            }

            private void ExpectHmac(SelfTestReport report, int keyLength, string message, string expectedHex)
            {
                _mac.SetKey(_key, 0, keyLength);
                int n = Utf8.Encode(message, _text, 0);
                _mac.Update(_text, 0, n);
                _mac.Finish(_digest, 0);
                report.ExpectHex(expectedHex, _digest, 0, 32);
            }
        }

        /// <summary>
        /// Times HMAC-SHA256 over a 1 KB body and the reading of a status answer. Each item makes its buffers in
        /// its own call, so the second's are made after the first's are garbage: the probe runs beside the whole
        /// terminal, and what it holds at once adds to the heap's peak (docs/memory.md).
        /// </summary>
        public static void Run(ProbeReport probe, int repetitions)
        {
            TimeMac(probe, repetitions);
            TimeParse(probe, repetitions);
        }

        private static void TimeMac(ProbeReport probe, int repetitions)
        {
            MacWork work = new MacWork();
            probe.Time("gateway.hmac1k", repetitions, work.Mac1k);
        }

        private static void TimeParse(ProbeReport probe, int repetitions)
        {
            ParseWork work = new ParseWork();
            probe.Time("gateway.parseStatus", repetitions, work.ParseStatus);
        }

        /// <summary>The MAC of 1 KB: four updates of a 256-byte block (the cost is per byte, not per update).</summary>
        private sealed class MacWork
        {
            private const int BlockBytes = 256;
            private const int Blocks = 4;

            private readonly HmacSha256 _mac = new HmacSha256();
            private readonly byte[] _block = new byte[BlockBytes];
            private readonly byte[] _output = new byte[HmacSha256.MacBytes];

            public MacWork()
            {
                _mac.SetKey(_output, 0, _output.Length);
                for (int i = 0; i < _block.Length; i++) _block[i] = (byte)i;
            }

            public void Mac1k()
            {
                for (int i = 0; i < Blocks; i++) _mac.Update(_block, 0, BlockBytes);
                _mac.Finish(_output, 0);
            }
        }

        private sealed class ParseWork
        {
            private readonly JsonReader _reader = new JsonReader(256);
            private readonly byte[] _status = new byte[256];
            private readonly int _statusLength;

            public ParseWork()
            {
                _statusLength = Utf8.Encode(StatusResponseJson, _status, 0);
            }

            public void ParseStatus()
            {
                _reader.Parse(_status, 0, _statusLength);
                _reader.StringEquals("status", GatewayPaths.StatusPaid);
            }
        }

        private static void WriteCreateRequest(JsonWriter writer)
        {
            GatewayClient.WriteCreateBody(writer, "T0001-0011223344556677-000001", 12500, "NOK", 120);
        }
    }
}
