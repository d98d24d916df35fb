using System;

namespace Terminal.Money
{
    /// <summary>An ISO 4217 currency as the terminal shows it; amounts are always integer minor units.</summary>
    public sealed class Currency
    {
        /// <summary>Alphabetic code, e.g. "NOK".</summary>
        public readonly string Code;

        /// <summary>Numeric code, e.g. 578 for NOK.</summary>
        public readonly int NumericCode;

        /// <summary>Digits after the decimal separator: 2 for NOK (øre), 0 for ISK.</summary>
        public readonly int MinorDigits;

        /// <summary>Minor units in one major unit: 10 to the power of <see cref="MinorDigits"/>.</summary>
        public readonly long MinorPerMajor;

        /// <summary>
        /// What follows the number in Norwegian: "kr" for NOK; for other currencies the ISO code, as
        /// Norwegian banks print them ("1 234,50 SEK"), so a foreign krone is never taken for NOK.
        /// </summary>
        public readonly string NorwegianSuffix;

        public Currency(string code, int numericCode, int minorDigits, string norwegianSuffix)
        {
            if (code == null || code.Length != 3) throw new ArgumentException("currency code must be three letters", "code");
            if (numericCode < 1 || numericCode > 999) throw new ArgumentOutOfRangeException("numericCode", "ISO 4217 numeric codes are 1 to 999");
            if (minorDigits < 0 || minorDigits > 4) throw new ArgumentOutOfRangeException("minorDigits", "minor digits must be 0 to 4");
            if (norwegianSuffix == null || norwegianSuffix.Length == 0) throw new ArgumentException("a suffix is needed", "norwegianSuffix");
            Code = code;
            NumericCode = numericCode;
            MinorDigits = minorDigits;
            NorwegianSuffix = norwegianSuffix;
            long perMajor = 1;
            for (int i = 0; i < minorDigits; i++) perMajor *= 10;
            MinorPerMajor = perMajor;
        }
    }
}
