using Terminal.Money;
using Xunit;

namespace Terminal.Tests.Money;

public class CurrencyTableTests
{
    [Theory]
    [InlineData("NOK", 578, 2)]
    [InlineData("SEK", 752, 2)]
    [InlineData("DKK", 208, 2)]
    [InlineData("EUR", 978, 2)]
    [InlineData("ISK", 352, 0)]
    public void Each_currency_carries_its_ISO_4217_codes_and_minor_digits(string code, int numeric, int minorDigits)
    {
        Currency byCode = CurrencyTable.FindByCode(code);
        Assert.Same(byCode, CurrencyTable.FindByNumericCode(numeric));
        Assert.Equal(minorDigits, byCode.MinorDigits);
    }

    [Fact]
    public void NOK_is_the_default_and_shows_kr()
    {
        Assert.Same(CurrencyTable.Nok, CurrencyTable.Default);
        Assert.Equal("kr", CurrencyTable.Default.NorwegianSuffix);
        Assert.Equal(100, CurrencyTable.Default.MinorPerMajor);
    }

    [Fact]
    public void Each_place_of_the_table_gives_its_code_without_making_it_and_one_instance_when_made()
    {
        for (int i = 0; i < CurrencyTable.Count; i++)
        {
            Assert.Equal(CurrencyTable.CodeAt(i), CurrencyTable.At(i).Code);
            Assert.Same(CurrencyTable.At(i), CurrencyTable.FindByCode(CurrencyTable.CodeAt(i)));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => CurrencyTable.At(CurrencyTable.Count));
        Assert.Equal("NOK, SEK, DKK, EUR, ISK", CurrencyTable.CodeList());
    }

    [Fact]
    public void An_unknown_currency_is_not_found()
    {
        Assert.Null(CurrencyTable.FindByCode("XXX"));
        Assert.Null(CurrencyTable.FindByCode("nok"));
        Assert.Null(CurrencyTable.FindByNumericCode(999));
    }

    [Fact]
    public void A_malformed_currency_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Currency("NO", 578, 2, "kr"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Currency("NOK", 0, 2, "kr"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Currency("NOK", 578, 5, "kr"));
        Assert.Throws<ArgumentException>(() => new Currency("NOK", 578, 2, ""));
    }
}
