namespace Terminal.Ui
{
    /// <summary>
    /// The tourist's lines in Simplified Chinese, shown beside the cashier's language on the screens the tourist
    /// reads (QR, PAID, cancelled, expired), whatever language the cashier chose. Drawn with
    /// <see cref="Fonts.CjkFont"/>, which holds exactly the characters used here: tools/fonts/gen_fonts.py reads
    /// this file's string literals, so after changing one regenerate the font (a test fails until then).
    /// </summary>
    public static class TouristTexts
    {
        /// <summary>QR screen: "scan with Alipay" (5 glyphs fill the 60 px beside the code).</summary>
        public const string ScanWithAlipay = "支付宝扫码";

        /// <summary>PAID screen: "payment successful".</summary>
        public const string Paid = "支付成功";

        /// <summary>Cancelled screen: "cancelled" (3 glyphs: it shares the bottom line with the cashier's hint).</summary>
        public const string Cancelled = "已取消";

        /// <summary>Expired screen: "expired" (3 glyphs, as above).</summary>
        public const string Expired = "已过期";
    }
}
