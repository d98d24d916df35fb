using Terminal.Money;
using Xunit;

namespace Terminal.Tests.Money;

public class AmountEntryTests
{
    private static AmountEntry Enter(string keys, Currency? currency = null, long maxMinor = AmountEntry.DefaultMaxMinor)
    {
        var entry = new AmountEntry(currency ?? CurrencyTable.Nok, maxMinor);
        foreach (char key in keys) entry.Press(key);
        return entry;
    }

    private static string Shown(AmountEntry entry) => MoneyFormat.Format(entry.AmountMinor, entry.Currency, Language.Norwegian);

    [Fact]
    public void Digits_shift_in_from_the_right_like_a_cash_register()
    {
        var entry = new AmountEntry(CurrencyTable.Nok);
        Assert.Equal("0,00 kr", Shown(entry));
        string[] expected = { "0,01 kr", "0,12 kr", "1,25 kr", "12,50 kr", "125,00 kr" };
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(EntryResult.Changed, entry.Press("12500"[i]));
            Assert.Equal(expected[i], Shown(entry));
        }
        Assert.Equal(5, entry.DigitCount);
    }

    [Fact]
    public void C_adds_two_zeros()
    {
        var entry = Enter("125");
        Assert.Equal(EntryResult.Changed, entry.Press('C'));
        Assert.Equal(12500, entry.AmountMinor);
    }

    [Fact]
    public void Backspace_removes_the_last_digit_and_does_nothing_on_an_empty_amount()
    {
        var entry = Enter("1234");
        Assert.Equal(EntryResult.Changed, entry.Press('B'));
        Assert.Equal(123, entry.AmountMinor);
        entry.Press('B'); entry.Press('B'); entry.Press('B');
        Assert.Equal(0, entry.AmountMinor);
        Assert.Equal(EntryResult.Unchanged, entry.Press('B'));
        Assert.Equal(0, entry.AmountMinor);
    }

    [Fact]
    public void Cancel_clears_the_amount_and_on_an_empty_amount_changes_nothing()
    {
        var entry = Enter("4711");
        Assert.Equal(EntryResult.Changed, entry.Press('A'));
        Assert.Equal(0, entry.AmountMinor);
        Assert.Equal(EntryResult.Unchanged, entry.Press('A'));
        Assert.Equal(0, entry.AmountMinor);
    }

    [Fact]
    public void Leading_zeros_are_ignored()
    {
        var entry = Enter("00C0");
        Assert.Equal(0, entry.AmountMinor);
        Assert.Equal(0, entry.DigitCount);
        Assert.Equal(EntryResult.Unchanged, entry.Press('0'));
        entry.Press('7');
        entry.Press('0');
        Assert.Equal(70, entry.AmountMinor);
        Assert.Equal(2, entry.DigitCount);
    }

    [Fact]
    public void A_digit_past_the_default_maximum_is_refused_with_a_cue_and_no_change()
    {
        var entry = Enter("9999999");
        Assert.Equal("99 999,99 kr", Shown(entry));
        Assert.Equal(EntryResult.RefusedOverflow, entry.Press('9'));
        Assert.Equal(9_999_999, entry.AmountMinor);
        Assert.True(entry.ShowsOverflowCue);
        Assert.Equal(EntryResult.Changed, entry.Press('B'));   // the next key takes the cue away
        Assert.False(entry.ShowsOverflowCue);
    }

    [Fact]
    public void Double_zero_that_would_pass_the_maximum_is_refused_whole()
    {
        var fits = Enter("99999C");
        Assert.Equal(9_999_900, fits.AmountMinor);
        var entry = Enter("100000");
        Assert.Equal(EntryResult.RefusedOverflow, entry.Press('C'));
        Assert.Equal(100_000, entry.AmountMinor); // not even one of the two zeros
    }

    [Fact]
    public void The_maximum_is_configurable()
    {
        var entry = Enter("500", maxMinor: 5_000);
        Assert.Equal(EntryResult.Changed, entry.Press('0'));
        Assert.Equal(EntryResult.RefusedOverflow, Enter("501", maxMinor: 5_000).Press('0'));
        Assert.Equal(5_000, entry.MaxMinor);
    }

    [Fact]
    public void Zero_cannot_be_submitted_and_an_amount_can()
    {
        var entry = new AmountEntry(CurrencyTable.Nok);
        Assert.False(entry.CanSubmit);
        Assert.Equal(EntryResult.RefusedZero, entry.Press('D'));
        entry.Press('5');
        Assert.True(entry.CanSubmit);
        Assert.Equal(EntryResult.Submitted, entry.Press('D'));
        Assert.Equal(5, entry.AmountMinor); // submitting keeps the amount for the order
        entry.Reset();
        Assert.Equal(0, entry.AmountMinor);
    }

    [Fact]
    public void Menu_and_history_keys_are_left_to_the_app()
    {
        var entry = Enter("12");
        Assert.Equal(EntryResult.NotAnEntryKey, entry.Press('*'));
        Assert.Equal(EntryResult.NotAnEntryKey, entry.Press('#'));
        Assert.Equal(12, entry.AmountMinor);
    }

    [Fact]
    public void A_currency_without_minor_units_takes_whole_units()
    {
        var entry = Enter("125C", CurrencyTable.Isk);
        Assert.Equal(12_500, entry.AmountMinor);
        Assert.Equal("12 500 ISK", Shown(entry));
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error_and_loses_nothing()
    {
        var entry = Enter("42");
        var e = Assert.Throws<ArgumentException>(() => entry.PressDigit('x'));
        Assert.Contains("'x'", e.Message);
        Assert.Equal(42, entry.AmountMinor);
        Assert.Throws<ArgumentNullException>(() => new AmountEntry(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmountEntry(CurrencyTable.Nok, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AmountEntry(CurrencyTable.Nok, AmountEntry.LargestMaxMinor + 1));
    }

    [Fact]
    public void Key_presses_allocate_nothing()
    {
        var entry = new AmountEntry(CurrencyTable.Nok);
        const string keys = "1250C7BBA9999999999DA*#";
        foreach (char key in keys) entry.Press(key);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 1_000; round++)
            foreach (char key in keys) entry.Press(key);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
