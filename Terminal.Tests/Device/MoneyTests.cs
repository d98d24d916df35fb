using nanoFramework.TestFramework;
using Terminal.Money;

namespace Terminal.Tests.Device
{
    /// <summary>Amount entry from keycaps and amounts as the panel shows them, on the interpreter.</summary>
    [TestClass]
    public class MoneyTests
    {
        private static AmountEntry Typed(string keys)
        {
            AmountEntry entry = new AmountEntry(CurrencyTable.Nok);
            for (int i = 0; i < keys.Length; i++) entry.Press(keys[i]);
            return entry;
        }

        [TestMethod]
        public void Digits_double_zero_and_backspace_build_the_amount_in_minor_units()
        {
            // 0 (leading, ignored) 1 2 5 0, C (00), 7, B (backspace): 1250 -> 125000 -> 1250007 -> 125000
            Assert.AreEqual(125000L, Typed("01250C7B").AmountMinor);
        }

        [TestMethod]
        public void A_digit_beyond_the_largest_amount_is_refused_and_the_amount_kept()
        {
            AmountEntry entry = Typed("9999999");
            int result = entry.Press('9');
            Assert.AreEqual(9999999L, entry.AmountMinor);
            Assert.AreEqual(EntryResult.RefusedOverflow, result);
            Assert.IsTrue(entry.ShowsOverflowCue);
        }

        [TestMethod]
        public void Cancel_clears_the_amount_and_a_second_cancel_changes_nothing()
        {
            AmountEntry entry = Typed("123");
            Assert.AreEqual(EntryResult.Changed, entry.Press('A'));
            Assert.AreEqual(0L, entry.AmountMinor);
            Assert.AreEqual(EntryResult.Unchanged, entry.Press('A'));
        }

        [TestMethod]
        public void Amounts_are_formatted_as_the_panel_shows_them()
        {
            Assert.AreEqual("125,00 kr", MoneyFormat.Format(12500, CurrencyTable.Nok, Language.Norwegian));
            Assert.AreEqual("1 234,50 kr", MoneyFormat.Format(123450, CurrencyTable.Nok, Language.Norwegian));
            Assert.AreEqual("NOK 1,234.50", MoneyFormat.Format(123450, CurrencyTable.Nok, Language.English));
            Assert.AreEqual("1 234 567 ISK", MoneyFormat.Format(1234567, CurrencyTable.Isk, Language.Norwegian));
            Assert.AreEqual("0,99 DKK", MoneyFormat.Format(99, CurrencyTable.Dkk, Language.Norwegian));
        }
    }
}
