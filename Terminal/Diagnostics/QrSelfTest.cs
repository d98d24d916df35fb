using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Known-answer items of the QR encoder, run on the device at power-on: ISO/IEC 18004 Annex I codewords, the HELLO WORLD ECC codewords
    /// and the whole module matrix of a payment URL's symbol as the QR screen would show it (a checksum that
    /// the unit tests reproduce from ZXing's independent encoder).
    /// </summary>
    public static class QrSelfTest
    {
        /// <summary>An Alipay-style dynamic payment code of 46 characters (the gateway's usual length).</summary>
        public const string PaymentUrl46 = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

        /// <summary>FNV-1a 32 of <see cref="PaymentUrl46"/>'s symbol (version 3-L, 2 px per module), from ZXing's matrix.</summary>
        public const uint PaymentUrl46Checksum = 0x9338D0AA;

        private const string AnnexIData = "01234567";
        private const string AnnexICodewordsHex = "10200c566180ec11ec11ec11ec11ec11" + "a524d4c1ed36c7872c55";
        private const string HelloWorld = "HELLO WORLD";
        private const string HelloWorldEccHex = "c4232777ebd7e7e25d17"; // 196 35 39 119 235 215 231 226 93 23
        private const int HelloWorldDataCodewords = 16;

        public static void Run(SelfTestReport report)
        {
            Run(report, new QrEncoder(QrScreen.MaxVersion), new QrCode(QrScreen.MaxVersion));
        }

        /// <summary>The items on the caller's encoder and symbol (the terminal lends its own: the very buffers a sale uses).</summary>
        public static void Run(SelfTestReport report, QrEncoder encoder, QrCode code)
        {
            Items items = new Items(encoder, code);
            report.Check("qr.annexI", items.AnnexI);
            report.Check("qr.helloWorld.ecc", items.HelloWorldEcc);
            report.Check("qr.paymentUrl.shape", items.PaymentUrlShape);
            report.Check("qr.paymentUrl.modules", items.PaymentUrlModules);
            report.Check("qr.tooLong", items.TooLong);
        }

        /// <summary>The items and the encoder and buffers they share.</summary>
        private sealed class Items
        {
            private readonly QrEncoder _encoder;
            private readonly QrCode _code;
            private readonly byte[] _codewords;

            public Items(QrEncoder encoder, QrCode code)
            {
                _encoder = encoder;
                _code = code;
                _codewords = new byte[QrSpec.NumTotalCodewords(encoder.MaxVersion)];
            }

            public void AnnexI(SelfTestReport report)
            {
                int status = _encoder.EncodeText(AnnexIData, QrEcc.M, false, 1, 1, -1, _code);
                int count = status == QrStatus.Ok ? _encoder.CopyCodewords(_codewords, 0) : 0;
                report.ExpectHex(AnnexICodewordsHex, _codewords, 0, count);
            }

            public void HelloWorldEcc(SelfTestReport report)
            {
                int status = _encoder.EncodeText(HelloWorld, QrEcc.M, false, 1, 1, -1, _code);
                int count = status == QrStatus.Ok ? _encoder.CopyCodewords(_codewords, 0) : 0;
                report.ExpectHex(HelloWorldEccHex, _codewords, HelloWorldDataCodewords, count - HelloWorldDataCodewords);
            }

            public void PaymentUrlShape(SelfTestReport report)
            {
                int status = _encoder.EncodeToFit(PaymentUrl46, QrScreen.BoxPx, QrScreen.QuietZoneModules, _code);
                report.ExpectText("ok v3 x2 L",
                    QrStatus.Describe(status) + " v" + _code.Version.ToString() + " x" + _code.Scale.ToString() + " " + QrEcc.Name(_code.Ecc));
            }

            public void PaymentUrlModules(SelfTestReport report)
            {
                int status = _encoder.EncodeToFit(PaymentUrl46, QrScreen.BoxPx, QrScreen.QuietZoneModules, _code);
                report.ExpectNumber(PaymentUrl46Checksum, status == QrStatus.Ok ? ModuleChecksum(_code) : 0);
            }

            public void TooLong(SelfTestReport report)
            {
                // One byte more than the encoder's largest version holds at L (in byte mode: 'x' is not alphanumeric)
                // must be refused, not truncated.
                int maxVersion = _encoder.MaxVersion;
                for (int i = 0; i < _codewords.Length; i++) _codewords[i] = (byte)'x';
                int status = _encoder.EncodeBytes(_codewords, 0, QrSpec.Capacity(QrMode.Byte, maxVersion, QrEcc.L) + 1, QrEcc.L, false, 1, maxVersion, -1, _code);
                report.ExpectText("data too long, no symbol", QrStatus.Describe(status) + (_code.IsValid ? ", symbol kept" : ", no symbol"));
            }
        }

        /// <summary>FNV-1a 32 over the modules row by row (one byte per module, 1 = dark).</summary>
        public static uint ModuleChecksum(QrCode code)
        {
            uint hash = 2166136261;
            for (int y = 0; y < code.Size; y++)
            {
                for (int x = 0; x < code.Size; x++)
                {
                    hash ^= code.GetModule(x, y) ? 1u : 0u;
                    hash *= 16777619;
                }
            }
            return hash;
        }
    }
}
