using Xunit;
using Terminal.Drivers.Display;
using Terminal.Ui;
using Terminal.Ui.Fonts;

namespace Terminal.Tests.Display;

public class FontAndTextTests
{
    private const string Nordic = "æøåÆØÅ";
    private const string Symbols = "·✓✗←→↑↓⌛•°";

    private static byte[] GlyphOf(char c) =>
        SmallFont.Glyphs.Skip(SmallFont.GlyphOffset(c)).Take(SmallFont.BytesPerGlyph).ToArray();

    [Fact]
    public void Every_printable_ascii_character_norwegian_letter_and_symbol_has_its_own_glyph()
    {
        var chars = Enumerable.Range(32, 95).Select(i => (char)i).Concat(Nordic).Concat(Symbols).ToList();
        var seen = new Dictionary<string, char>();
        foreach (char c in chars)
        {
            byte[] glyph = GlyphOf(c);
            string key = Convert.ToHexString(glyph);
            Assert.False(seen.ContainsKey(key), $"'{c}' looks exactly like '{(seen.TryGetValue(key, out var o) ? o : ' ')}'");
            seen[key] = c;
            if (c != ' ') Assert.Contains(glyph, b => b != 0);
        }
    }

    [Fact]
    public void A_character_the_font_lacks_draws_as_a_question_mark()
    {
        Assert.Equal(GlyphOf('?'), GlyphOf('支'));
        Assert.Equal(GlyphOf('?'), GlyphOf('\u0001'));
    }

    [Fact]
    public void Large_digits_are_16_px_tall_and_amount_punctuation_exists()
    {
        for (char c = '0'; c <= '9'; c++)
        {
            int index = LargeDigits.IndexOf(c);
            int top = 16, bottom = -1;
            for (int col = 0; col < LargeDigits.WidthPx(index); col++)
            {
                int bits = LargeDigits.Glyphs[LargeDigits.Offset(index) + 2 * col] | LargeDigits.Glyphs[LargeDigits.Offset(index) + 2 * col + 1] << 8;
                for (int row = 0; row < 16; row++)
                    if ((bits & (1 << row)) != 0) { top = Math.Min(top, row); bottom = Math.Max(bottom, row); }
            }
            Assert.Equal((0, 15), (top, bottom));
        }
        foreach (char c in ", .-") Assert.True(LargeDigits.IndexOf(c) >= 0, "large '" + c + "'");
        Assert.Equal(-1, LargeDigits.IndexOf('x'));
        Assert.Equal(LargeDigits.IndexOf(' '), LargeDigits.GlyphFor('x')); // drawn as a space
        foreach (char c in "0123456789,.-") Assert.Equal(LargeDigits.IndexOf(c), LargeDigits.GlyphFor(c));
    }

    [Fact]
    public void Text_on_a_page_boundary_is_the_glyph_bytes_copied_into_the_page()
    {
        var fb = new FrameBuffer();
        Canvas.Text(fb, "Hø", 10, 24, true);
        Assert.Equal(GlyphOf('H'), fb.Bytes.Skip(3 * 128 + 10).Take(5).ToArray());
        Assert.Equal(GlyphOf('ø'), fb.Bytes.Skip(3 * 128 + 16).Take(5).ToArray());
    }

    public static TheoryData<int> LanguageCodes => new() { Language.Norwegian, Language.English };

    [Theory]
    [MemberData(nameof(LanguageCodes))]
    public void Every_text_uses_only_characters_the_font_has(int language)
    {
        for (int id = 0; id <= Texts.Last; id++)
        {
            string text = Texts.Get(id, language);
            Assert.NotEqual("?", text);
            foreach (char c in text) Assert.True(c == '?' || !GlyphOf(c).SequenceEqual(GlyphOf('?')), $"text {id} '{text}': no glyph for '{c}'");
        }
        for (int r = 0; r < Reason.Count; r++)
            foreach (char c in Texts.ReasonText(r, language))
                Assert.False(GlyphOf(c).SequenceEqual(GlyphOf('?')), $"reason {r}: no glyph for '{c}'");
    }

    [Theory]
    [MemberData(nameof(LanguageCodes))]
    public void Every_text_fits_where_the_screens_put_it(int language)
    {
        int[] singleLine =
        {
            Texts.AmountHint, Texts.KeyInAmount, Texts.MaxAmount, Texts.CreatingOrder, Texts.PleaseWait, Texts.PressAnyKey,
            Texts.RetryHint, Texts.TechMenu, Texts.MenuHint, Texts.PinTitle, Texts.PinHint, Texts.LastTransaction,
            Texts.NoTransaction, Texts.SelfTestFailed, Texts.DisplayTest, Texts.KeypadTest, Texts.NetworkError,
            Texts.MenuRefund, Texts.RefundTitle, Texts.RefundListHint, Texts.NoPaidSales, Texts.RefundAmountTitle, Texts.RefundConfirmTitle,
            Texts.Refunding, Texts.BackHint, Texts.RefundRefused, Texts.RefundPending,
        };
        foreach (int id in singleLine) Assert.True(Canvas.TextWidth(Texts.Get(id, language)) <= 124, Texts.Get(id, language));
        // Result-screen titles share the bar with a 6-character order id.
        foreach (int id in new[] { Texts.Cancelled, Texts.Expired, Texts.FailedTitle })
            Assert.True(Canvas.TextWidth(Texts.Get(id, language)) + 6 + Canvas.TextWidth("A7K2Q9") <= 124, Texts.Get(id, language));
        for (int r = 0; r < Reason.Count; r++)
            Assert.True(Canvas.WrappedLineCount(Texts.ReasonText(r, language), 128) <= 2, Texts.ReasonText(r, language));
        Assert.True(Canvas.WrappedLineCount(Texts.Get(Texts.NetworkAdvice, language), 128) <= 2);
        Assert.True(Canvas.WrappedLineCount(Texts.Get(Texts.NoPayments, language), 128) <= 3);
        Assert.True(Canvas.WrappedLineCount(Texts.Get(Texts.ScanToPay, language), QrScreen.SideWidthPx) <= 2);
        Assert.True(Canvas.TextWidth(Texts.Get(Texts.CancelHint, language)) <= QrScreen.SideWidthPx);
        Assert.True(Canvas.TextDoubleWidth("✓" + Texts.Get(Texts.Paid, language)) <= 124);
        Assert.True(Canvas.TextDoubleWidth("✓" + Texts.Get(Texts.Refunded, language)) <= 124);
    }

    [Fact]
    public void Wrapping_breaks_at_spaces_and_cuts_only_words_longer_than_a_line()
    {
        Assert.Equal(2, Canvas.WrappedLineCount("aaaa bbbb", 30)); // 5 characters per line
        Assert.Equal(3, Canvas.WrappedLineCount("abcdefghijkl", 30));
        Assert.Equal(0, Canvas.WrappedLineCount("   ", 30));
        var fb = new FrameBuffer();
        Assert.Equal(1, Canvas.Wrapped(fb, "aaaa bbbb cccc", 0, 0, 30, 1, true)); // maxLines respected
        Assert.All(fb.Bytes.Skip(2 * 128), b => Assert.Equal(0, b));
    }

    [Fact]
    public void An_amount_longer_than_the_model_holds_is_cut_not_overflowing()
    {
        var m = new ScreenModel();
        m.SetAmount(new string('9', 40));
        Assert.Equal(ScreenModel.MaxAmountChars, m.AmountLength);
        var fb = new FrameBuffer();
        m.Screen = ScreenId.Amount;
        ScreenRenderer.Draw(m, fb); // clipped at the left edge, no exception
    }

    [Fact]
    public void An_unknown_screen_id_draws_a_question_mark_instead_of_failing()
    {
        var m = new ScreenModel { Screen = 99 };
        var fb = new FrameBuffer();
        ScreenRenderer.Draw(m, fb);
        Assert.Contains(fb.Bytes, b => b != 0);
        Assert.Equal("unknown", ScreenId.Name(99));
    }
}
