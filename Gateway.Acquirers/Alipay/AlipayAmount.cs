using System.Globalization;

namespace Gateway.Acquirers.Alipay;

/// <summary>
/// Money on Alipay's wire is a decimal text in major units ("125.00" for 12 500 øre); everywhere else we keep
/// integer minor units. Only the currencies the Nordic terminal sells in are accepted; any other is refused
/// with a clear error rather than guessed.
/// </summary>
public static class AlipayAmount
{
    /// <summary>Largest amount Alipay's Number(11,2) fields can carry, in minor units.</summary>
    public const long MaxMinor = 99_999_999_999L;

    /// <summary>Minor-unit digits of the supported transaction currencies (ISO 4217).</summary>
    public static int MinorDigits(string currency) => currency switch
    {
        "NOK" or "SEK" or "DKK" or "EUR" => 2,
        _ => throw new ArgumentException("currency '" + currency + "' is not supported by the Alipay connector (NOK, SEK, DKK, EUR)", nameof(currency)),
    };

    public static bool IsSupported(string? currency) => currency is "NOK" or "SEK" or "DKK" or "EUR";

    public static string ToWire(long amountMinor, string currency)
    {
        int digits = MinorDigits(currency);
        if (amountMinor <= 0 || amountMinor > MaxMinor)
            throw new ArgumentOutOfRangeException(nameof(amountMinor), amountMinor, "amount must be 1.." + MaxMinor + " minor units");
        long unit = digits == 2 ? 100 : 1;
        return (amountMinor / unit).ToString(CultureInfo.InvariantCulture) + "." + (amountMinor % unit).ToString("D2", CultureInfo.InvariantCulture);
    }

    /// <summary>Reads "125.00" (or "125.5" / "125") strictly: digits, at most the currency's decimals, no sign.</summary>
    public static bool TryParse(string? text, string currency, out long amountMinor)
    {
        amountMinor = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 15 || !IsSupported(currency)) return false;
        int digits = MinorDigits(currency);
        int dot = text.IndexOf('.');
        string whole = dot < 0 ? text : text.Substring(0, dot);
        string fraction = dot < 0 ? "" : text.Substring(dot + 1);
        if (whole.Length == 0 || fraction.Length > digits || (dot >= 0 && fraction.Length == 0)) return false;
        foreach (char c in whole + fraction)
            if (c < '0' || c > '9') return false;
        long major = long.Parse(whole, CultureInfo.InvariantCulture);
        long minor = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(digits, '0'), CultureInfo.InvariantCulture);
        amountMinor = major * 100 + minor;
        return amountMinor <= MaxMinor;
    }
}
