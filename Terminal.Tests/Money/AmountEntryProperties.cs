using CsCheck;
using Terminal.Money;
using Xunit;

namespace Terminal.Tests.Money;

/// <summary>
/// Random key sequences against the entry. The oracle is a plain model on a string of digits, checked
/// after every key; the display is read back by an independent parser.
/// </summary>
public class AmountEntryProperties
{
    private const string Keycaps = "0123456789ABCD*#";

    private static readonly Gen<(string Keys, long MaxMinor, int Currency, int Language)> Cases =
        Gen.Select(
            Gen.Char[Keycaps].Array[0, 60].Select(keys => new string(keys)),
            Gen.OneOf(Gen.Const(AmountEntry.DefaultMaxMinor), Gen.Long[1, AmountEntry.LargestMaxMinor], Gen.Long[1, 10_000]),
            Gen.Int[0, CurrencyTable.Count - 1],
            Gen.Int[Language.Norwegian, Language.English]);

    [Fact]
    public void Random_key_sequences_stay_within_zero_and_the_maximum_and_read_back_from_the_display()
    {
        Property.Check(Cases, c =>
        {
            Currency currency = CurrencyTable.At(c.Currency);
            var entry = new AmountEntry(currency, c.MaxMinor);
            string model = ""; // the digits a cash register would hold
            foreach (char key in c.Keys)
            {
                long before = entry.AmountMinor;
                int result = entry.Press(key);
                model = ModelKey(model, key, c.MaxMinor);

                Assert.InRange(entry.AmountMinor, 0, c.MaxMinor);
                Assert.Equal(model.Length == 0 ? 0 : long.Parse(model), entry.AmountMinor);
                Assert.Equal(model.Length, entry.DigitCount);
                if (result == EntryResult.RefusedOverflow) Assert.Equal(before, entry.AmountMinor);
                Assert.Equal(result == EntryResult.RefusedOverflow, entry.ShowsOverflowCue);
                Assert.Equal(entry.AmountMinor > 0, entry.CanSubmit);

                string shown = MoneyFormat.Format(entry.AmountMinor, currency, c.Language);
                Assert.Equal(entry.AmountMinor, DisplayedAmount.Parse(shown, currency, c.Language));
            }
        }, iterations: 2_000, print: c => $"keys='{c.Keys}' max={c.MaxMinor} currency={c.Currency} language={c.Language}");
    }

    [Fact]
    public void Any_amount_up_to_the_largest_maximum_reads_back_from_the_display()
    {
        Property.Check(Gen.Select(Gen.Long[0, AmountEntry.LargestMaxMinor], Gen.Int[0, CurrencyTable.Count - 1], Gen.Int[0, 1]), c =>
        {
            Currency currency = CurrencyTable.At(c.Item2);
            Assert.Equal(c.Item1, DisplayedAmount.Parse(MoneyFormat.Format(c.Item1, currency, c.Item3), currency, c.Item3));
        }, iterations: 2_000);
    }

    /// <summary>The rules of the issue on a digit string, with no arithmetic to share bugs with the entry.</summary>
    private static string ModelKey(string digits, char key, long maxMinor)
    {
        string next = key switch
        {
            >= '0' and <= '9' => digits.Length == 0 && key == '0' ? digits : digits + key,
            'C' => digits.Length == 0 ? digits : digits + "00",
            'B' => digits.Length == 0 ? digits : digits[..^1],
            'A' => "",
            _ => digits,
        };
        return Exceeds(next, maxMinor) ? digits : next;
    }

    private static bool Exceeds(string digits, long maxMinor)
    {
        string max = maxMinor.ToString();
        return digits.Length > max.Length || digits.Length == max.Length && string.CompareOrdinal(digits, max) > 0;
    }
}
