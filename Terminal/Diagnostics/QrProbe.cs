using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Probe items of the QR encoder: the full encode (mask chosen by penalty) of a 46-character payment URL
    /// as the QR screen asks for it, and of a 250-character URL at ECC M (version 11, the largest the screen
    /// shows). They run on the caller's encoder and symbol (the terminal lends its own).
    /// </summary>
    public sealed class QrProbe
    {
        /// <summary>The long item's length: it fits <see cref="QrScreen.MaxVersion"/> at ECC M.</summary>
        public const int LongUrlChars = 250;

        private readonly QrEncoder _encoder;
        private readonly QrCode _code;
        private readonly string _longUrl = LongUrl(LongUrlChars);

        private QrProbe(QrEncoder encoder, QrCode code)
        {
            _encoder = encoder;
            _code = code;
        }

        public static void Run(ProbeReport probe, int repetitions)
        {
            Run(probe, repetitions, new QrEncoder(QrScreen.MaxVersion), new QrCode(QrScreen.MaxVersion));
        }

        public static void Run(ProbeReport probe, int repetitions, QrEncoder encoder, QrCode code)
        {
            QrProbe items = new QrProbe(encoder, code);
            probe.Time("qr.encode.url46.fit64", repetitions, items.EncodeShortUrl);
            probe.Time("qr.encode.url250.M", repetitions, items.EncodeLongUrl);
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
            _encoder.EncodeText(_longUrl, QrEcc.M, false, 1, _encoder.MaxVersion, -1, _code);
        }
    }
}
