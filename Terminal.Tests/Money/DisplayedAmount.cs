using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Terminal.Money;

namespace Terminal.Tests.Money;

/// <summary>
/// Reads an amount back from what the screen shows, written independently of MoneyFormat (regular
/// expressions and BigInteger), so the property "the display parses back to the amount held" is a real check.
/// </summary>
public static class DisplayedAmount
{
    public static long Parse(string text, Currency currency, int language)
    {
        string minor = currency.MinorDigits == 0 ? "" : (language == Language.Norwegian ? "," : @"\.") + @"(?<minor>\d{" + currency.MinorDigits + "})";
        string pattern = language == Language.Norwegian
            ? @"^(?<sign>-?)(?<major>\d{1,3}(?: \d{3})*)" + minor + " " + Regex.Escape(currency.NorwegianSuffix) + "$"
            : "^" + currency.Code + @" (?<sign>-?)(?<major>\d{1,3}(?:,\d{3})*)" + minor + "$";
        Match m = Regex.Match(text, pattern);
        if (!m.Success) throw new FormatException("'" + text + "' is not a " + currency.Code + " amount in language " + language);
        string major = m.Groups["major"].Value.Replace(" ", "").Replace(",", "");
        if (major.Length > 1 && major[0] == '0') throw new FormatException("'" + text + "' has a leading zero");
        BigInteger value = BigInteger.Parse(major, CultureInfo.InvariantCulture) * BigInteger.Pow(10, currency.MinorDigits);
        if (currency.MinorDigits > 0) value += BigInteger.Parse(m.Groups["minor"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["sign"].Value == "-") value = -value;
        return (long)value;
    }
}
