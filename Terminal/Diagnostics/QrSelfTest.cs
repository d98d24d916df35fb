using System;
using Terminal.Qr;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Known-answer tests of the QR encoder: ISO/IEC 18004 Annex I codewords, the HELLO WORLD ECC codewords
    /// and the whole module matrix of a payment URL's symbol as the QR screen would show it (a checksum that
    /// the unit tests reproduce from ZXing's independent encoder).
    /// </summary>
    public static class QrSelfTest
    {
        /// <summary>An Alipay-style dynamic payment code of 46 characters (the gateway's usual length).</summary>
        public const string PaymentUrl46 = "https://qr.alipay.com/bax03431ljhokirwl38f00a7";

        /// <summary>The QR screen's box: the 64 px tall panel, one module of quiet zone.</summary>
        public const int PanelBoxPx = 64;
        public const int PanelQuietZoneModules = 1;

        /// <summary>FNV-1a 32 of <see cref="PaymentUrl46"/>'s symbol (version 3-L, 2 px per module), from ZXing's matrix.</summary>
        public const uint PaymentUrl46Checksum = 0x9338D0AA;

        private const int EncoderMaxVersion = 10;
        private const string AnnexIData = "01234567";
        private const string AnnexICodewordsHex = "10200c566180ec11ec11ec11ec11ec11" + "a524d4c1ed36c7872c55";
        private const string HelloWorld = "HELLO WORLD";
        private const string HelloWorldEccHex = "c4232777ebd7e7e25d17"; // 196 35 39 119 235 215 231 226 93 23
        private const int HelloWorldDataCodewords = 16;

        public static void Run(SelfTestReport report)
        {
            QrEncoder encoder = new QrEncoder(EncoderMaxVersion);
            QrCode code = new QrCode(EncoderMaxVersion);
            byte[] codewords = new byte[QrSpec.NumTotalCodewords(EncoderMaxVersion)];

            try
            {
                int status = encoder.EncodeText(AnnexIData, QrEcc.M, false, 1, 1, -1, code);
                int count = status == QrStatus.Ok ? encoder.CopyCodewords(codewords, 0) : 0;
                report.ExpectHex("qr.annexI", AnnexICodewordsHex, codewords, 0, count);
            }
            catch (Exception e) { report.Crashed("qr.annexI", e); }

            try
            {
                int status = encoder.EncodeText(HelloWorld, QrEcc.M, false, 1, 1, -1, code);
                int count = status == QrStatus.Ok ? encoder.CopyCodewords(codewords, 0) : 0;
                report.ExpectHex("qr.helloWorld.ecc", HelloWorldEccHex, codewords, HelloWorldDataCodewords, count - HelloWorldDataCodewords);
            }
            catch (Exception e) { report.Crashed("qr.helloWorld.ecc", e); }

            try
            {
                int status = encoder.EncodeToFit(PaymentUrl46, PanelBoxPx, PanelQuietZoneModules, code);
                report.ExpectText("qr.paymentUrl.shape", "ok v3 x2 L",
                    QrStatus.Describe(status) + " v" + code.Version.ToString() + " x" + code.Scale.ToString() + " " + QrEcc.Name(code.Ecc));
            }
            catch (Exception e) { report.Crashed("qr.paymentUrl.shape", e); }

            try
            {
                int status = encoder.EncodeToFit(PaymentUrl46, PanelBoxPx, PanelQuietZoneModules, code);
                report.ExpectNumber("qr.paymentUrl.modules", PaymentUrl46Checksum, status == QrStatus.Ok ? ModuleChecksum(code) : 0);
            }
            catch (Exception e) { report.Crashed("qr.paymentUrl.modules", e); }

            try
            {
                // One byte more than version 10-L holds (in byte mode: 'x' is not alphanumeric) must be refused, not truncated.
                for (int i = 0; i < codewords.Length; i++) codewords[i] = (byte)'x';
                int status = encoder.EncodeBytes(codewords, 0, QrSpec.Capacity(QrMode.Byte, EncoderMaxVersion, QrEcc.L) + 1, QrEcc.L, false, 1, EncoderMaxVersion, -1, code);
                report.ExpectText("qr.tooLong", "data too long, no symbol", QrStatus.Describe(status) + (code.IsValid ? ", symbol kept" : ", no symbol"));
            }
            catch (Exception e) { report.Crashed("qr.tooLong", e); }
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
