namespace Terminal.Money
{
    /// <summary>The currencies the terminal knows (ISO 4217). NOK is the default.</summary>
    public static class CurrencyTable
    {
        public static readonly Currency Nok = new Currency("NOK", 578, 2, "kr");
        public static readonly Currency Sek = new Currency("SEK", 752, 2, "SEK");
        public static readonly Currency Dkk = new Currency("DKK", 208, 2, "DKK");
        public static readonly Currency Eur = new Currency("EUR", 978, 2, "EUR");

        /// <summary>Icelandic króna: no minor unit in use, so the code is proven general.</summary>
        public static readonly Currency Isk = new Currency("ISK", 352, 0, "ISK");

        private static readonly Currency[] All = new Currency[] { Nok, Sek, Dkk, Eur, Isk };

        public static Currency Default
        {
            get { return Nok; }
        }

        public static int Count
        {
            get { return All.Length; }
        }

        public static Currency At(int index)
        {
            return All[index];
        }

        /// <summary>The currency with this alphabetic code (exact, upper case), or null when unknown.</summary>
        public static Currency FindByCode(string code)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Code == code) return All[i];
            }
            return null;
        }

        /// <summary>The known alphabetic codes, for messages: "NOK, SEK, DKK, EUR, ISK".</summary>
        public static string CodeList()
        {
            string list = All[0].Code;
            for (int i = 1; i < All.Length; i++) list += ", " + All[i].Code;
            return list;
        }

        /// <summary>The currency with this code, or <paramref name="fallback"/> for null or an unknown code.</summary>
        public static Currency FindByCode(string code, Currency fallback)
        {
            Currency found = code == null ? null : FindByCode(code);
            return found == null ? fallback : found;
        }

        /// <summary>The currency with this numeric code, or null when unknown.</summary>
        public static Currency FindByNumericCode(int numericCode)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].NumericCode == numericCode) return All[i];
            }
            return null;
        }
    }
}
