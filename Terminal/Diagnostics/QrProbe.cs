using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Probe items of the QR encoder: the full encode (mask chosen by penalty) of a 46-character payment URL
    /// as the QR screen asks for it, and of a 300-character URL at ECC M. Buffers are allocated once here.
    /// </summary>
    public sealed class QrProbe
    {
        private const int EncoderMaxVersion = 13;
        private readonly QrEncoder _encoder = new QrEncoder(EncoderMaxVersion);
        private readonly QrCode _code = new QrCode(EncoderMaxVersion);
        private readonly string _longUrl = LongUrl(300);

        public static void Run(ProbeReport probe, int repetitions)
        {
            QrProbe items = new QrProbe();
            probe.Time("qr.encode.url46.fit64", repetitions, items.EncodeShortUrl);
            probe.Time("qr.encode.url300.M", repetitions, items.EncodeLongUrl);
        }

        /// <summary>A deterministic Alipay-style URL of the given length (at least the 22-character prefix).</summary>
        public static string LongUrl(int length)
        {
            const string Prefix = "https://qr.alipay.com/";
            const string Tail = "bax03431ljhokirwl38f00a7";
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = i < Prefix.Length ? Prefix[i] : Tail[(i - Prefix.Length) % Tail.Length];
            return new string(chars);
        }

        private void EncodeShortUrl()
        {
            _encoder.EncodeToFit(QrSelfTest.PaymentUrl46, QrScreen.BoxPx, QrScreen.QuietZoneModules, _code);
        }

        private void EncodeLongUrl()
        {
            _encoder.EncodeText(_longUrl, QrEcc.M, false, 1, EncoderMaxVersion, -1, _code);
        }
    }
}
