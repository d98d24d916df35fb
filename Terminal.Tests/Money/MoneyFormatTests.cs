using Terminal.Money;
using Xunit;

namespace Terminal.Tests.Money;

public class MoneyFormatTests
{
    [Theory]
    [InlineData(0, "0,00 kr", "NOK 0.00")]
    [InlineData(5, "0,05 kr", "NOK 0.05")]
    [InlineData(12500, "125,00 kr", "NOK 125.00")]
    [InlineData(123450, "1 234,50 kr", "NOK 1,234.50")]
    [InlineData(9999999, "99 999,99 kr", "NOK 99,999.99")]
    [InlineData(100000000, "1 000 000,00 kr", "NOK 1,000,000.00")]
    [InlineData(-123450, "-1 234,50 kr", "NOK -1,234.50")]
    public void Kroner_are_written_the_Norwegian_and_the_English_way(long amountMinor, string norwegian, string english)
    {
        Assert.Equal(norwegian, MoneyFormat.Format(amountMinor, CurrencyTable.Nok, Language.Norwegian));
        Assert.Equal(english, MoneyFormat.Format(amountMinor, CurrencyTable.Nok, Language.English));
    }

    [Theory]
    [InlineData("SEK", 123450, "1 234,50 SEK", "SEK 1,234.50")]
    [InlineData("DKK", 99, "0,99 DKK", "DKK 0.99")]
    [InlineData("EUR", 100, "1,00 EUR", "EUR 1.00")]
    [InlineData("ISK", 1234567, "1 234 567 ISK", "ISK 1,234,567")]
    [InlineData("ISK", 0, "0 ISK", "ISK 0")]
    public void Other_currencies_are_written_with_their_code_and_their_own_minor_digits(string code, long amountMinor, string norwegian, string english)
    {
        Currency currency = CurrencyTable.FindByCode(code);
        Assert.Equal(norwegian, MoneyFormat.Format(amountMinor, currency, Language.Norwegian));
        Assert.Equal(english, MoneyFormat.Format(amountMinor, currency, Language.English));
    }

    [Fact]
    public void The_extreme_amounts_fit_the_documented_buffer_and_read_back()
    {
        foreach (long amount in new[] { long.MaxValue, long.MinValue, long.MinValue + 1 })
        for (int i = 0; i < CurrencyTable.Count; i++)
        foreach (int language in new[] { Language.Norwegian, Language.English })
        {
            Currency currency = CurrencyTable.At(i);
            string text = MoneyFormat.Format(amount, currency, language);
            Assert.True(text.Length <= MoneyFormat.MaxChars, text);
            Assert.Equal(amount, DisplayedAmount.Parse(text, currency, language));
        }
    }

    [Fact]
    public void Write_puts_the_text_at_the_offset_and_returns_its_length()
    {
        char[] buffer = "................................................".ToCharArray();
        int written = MoneyFormat.Write(123450, CurrencyTable.Nok, Language.Norwegian, buffer, 3);
        Assert.Equal(11, written);
        Assert.Equal("...1 234,50 kr....", new string(buffer, 0, 18));
    }

    [Fact]
    public void A_buffer_too_small_is_refused_and_left_untouched()
    {
        char[] buffer = "..........".ToCharArray();
        var e = Assert.Throws<ArgumentException>(() => MoneyFormat.Write(123450, CurrencyTable.Nok, Language.Norwegian, buffer, 0));
        Assert.Contains("11 chars", e.Message);
        Assert.Equal("..........", new string(buffer));
        Assert.Throws<ArgumentException>(() => MoneyFormat.Write(5, CurrencyTable.Nok, Language.Norwegian, new char[20], -1));
        Assert.Throws<ArgumentNullException>(() => MoneyFormat.Write(5, CurrencyTable.Nok, Language.Norwegian, null!, 0));
    }

    [Fact]
    public void An_unknown_language_or_no_currency_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MoneyFormat.Format(5, CurrencyTable.Nok, 2));
        Assert.Throws<ArgumentNullException>(() => MoneyFormat.Format(5, null!, Language.English));
    }

    [Fact]
    public void Writing_an_amount_into_a_kept_buffer_allocates_nothing()
    {
        char[] buffer = new char[MoneyFormat.MaxChars];
        MoneyFormat.Write(1, CurrencyTable.Nok, Language.Norwegian, buffer, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long amount = 0; amount < 10_000; amount += 7)
        {
            MoneyFormat.Write(amount * 1_001, CurrencyTable.Nok, Language.Norwegian, buffer, 0);
            MoneyFormat.Write(amount, CurrencyTable.Eur, Language.English, buffer, 0);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
