using nanoFramework.TestFramework;
using Terminal.Gateway;
using Terminal.Text;

namespace Terminal.Tests.Device
{
    /// <summary>SHA-256 (FIPS 180-2), HMAC-SHA256 (RFC 4231), the request signature and the protocol's JSON, on the interpreter.</summary>
    [TestClass]
    public class CryptoAndJsonTests
    {
        private const string OrderId = "T0001-0011223344556677-000001";

        private static string Sha(string text)
        {
            byte[] bytes = new byte[128];
            int n = Utf8.Encode(text, bytes, 0);
            Sha256 sha = new Sha256();
            sha.Update(bytes, 0, n);
            byte[] digest = new byte[32];
            sha.Finish(digest, 0);
            return Known.Hex(digest, 0, 32);
        }

        private static string Hmac(byte[] key, int keyLength, string text)
        {
            HmacSha256 mac = new HmacSha256();
            mac.SetKey(key, 0, keyLength);
            byte[] bytes = new byte[128];
            int n = Utf8.Encode(text, bytes, 0);
            mac.Update(bytes, 0, n);
            byte[] digest = new byte[32];
            mac.Finish(digest, 0);
            return Known.Hex(digest, 0, 32);
        }

        [TestMethod]
        public void Sha256_of_the_FIPS_examples()
        {
            Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha("abc"));
            Assert.AreEqual("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
            Assert.AreEqual("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha(""));
        }

        [TestMethod]
        public void Hmac_sha256_of_RFC_4231_cases_1_and_2()
        {
            byte[] key = new byte[20];
            for (int i = 0; i < 20; i++) key[i] = 0x0b;
            Assert.AreEqual("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", Hmac(key, 20, "Hi There"));
            byte[] jefe = new byte[4];
            Utf8.Encode("Jefe", jefe, 0);
            Assert.AreEqual("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hmac(jefe, 4, "what do ya want for nothing?"));
        }

        private static JsonWriter CreateRequest()
        {
            JsonWriter writer = new JsonWriter(256);
            writer.BeginObject();
            writer.Member("orderId", OrderId);
            writer.Member("amountMinor", 12500);
            writer.Member("currency", "NOK");
            writer.Member("expirySeconds", 120);
            writer.EndObject();
            return writer;
        }

        [TestMethod]
        public void The_create_request_is_written_as_the_protocol_shows_it_and_signed_with_the_reference_signature()
        {
            JsonWriter writer = CreateRequest();
            Assert.AreEqual("{\"orderId\":\"" + OrderId + "\",\"amountMinor\":12500,\"currency\":\"NOK\",\"expirySeconds\":120}",
                Utf8.Decode(writer.Buffer, 0, writer.Length));

            byte[] key = new byte[32];
            for (int i = 0; i < 32; i++) key[i] = (byte)(i + 1);
            MessageSigner signer = new MessageSigner("T0001", key);
            char[] timestamp = "1790000000".ToCharArray();
            char[] nonce = "0011223344556677".ToCharArray();
            char[] signature = new char[MessageSigner.SignatureHexChars];
            signer.SignRequest("POST", GatewayPaths.Create, timestamp, timestamp.Length, nonce, nonce.Length, writer.Buffer, writer.Length, signature);
            Assert.AreEqual("c5dbc0b13152c1c8ca84740f5750c745c3405558fab7bc809b348ed301c2be19", new string(signature));
        }

        [TestMethod]
        public void A_paid_answer_is_read_field_by_field()
        {
            byte[] text = new byte[512];
            int n = Utf8.Encode("{\"orderId\":\"" + OrderId + "\",\"status\":\"PAID\",\"amountMinor\":12500,\"currency\":\"NOK\","
                + "\"code\":\"https://qr.alipay.com/bax03431ljhokirwl38f00a7\",\"expiresInSeconds\":97}", text, 0);
            JsonReader reader = new JsonReader(256);
            Assert.AreEqual(JsonReader.Ok, reader.Parse(text, 0, n));
            Assert.IsTrue(reader.StringEquals("status", GatewayPaths.StatusPaid));
            Assert.AreEqual(OrderId, reader.GetString("orderId"));
            long amount;
            Assert.IsTrue(reader.TryGetInteger("amountMinor", out amount));
            Assert.AreEqual(12500L, amount);
        }

        [TestMethod]
        public void Duplicate_keys_and_broken_json_are_refused()
        {
            byte[] text = new byte[128];
            JsonReader reader = new JsonReader(256);
            int n = Utf8.Encode("{\"status\":\"PENDING\",\"status\":\"PAID\"}", text, 0);
            Assert.AreEqual(JsonReader.ErrorDuplicateKey, reader.Parse(text, 0, n));
            n = Utf8.Encode("{\"status\":\"PAID\"", text, 0);
            Assert.AreEqual(JsonReader.ErrorMalformed, reader.Parse(text, 0, n));
        }
    }
}
