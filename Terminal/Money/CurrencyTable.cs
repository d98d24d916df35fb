namespace Terminal.Money
{
    /// <summary>
    /// The currencies the terminal knows (ISO 4217). NOK is the default. Each is made when first asked for and kept,
    /// one instance per currency: a terminal uses one or two of the five, and each costs the device's heap about 200
    /// bytes with its texts (issue 18, docs/memory.md).
    /// </summary>
    public static class CurrencyTable
    {
        public const int Count = 5;

        private static readonly object MakeLock = new object(); // the UI loop and the worker (probe, refunds) may ask at once
        private static readonly Currency[] Made = new Currency[Count];

        public static Currency Nok { get { return At(0); } }
        public static Currency Sek { get { return At(1); } }
        public static Currency Dkk { get { return At(2); } }
        public static Currency Eur { get { return At(3); } }

        /// <summary>Icelandic króna: no minor unit in use, so the code is proven general.</summary>
        public static Currency Isk { get { return At(4); } }

        public static Currency Default
        {
            get { return Nok; }
        }

        /// <summary>The currency at a place of the table (0 to Count - 1), made on first use.</summary>
        public static Currency At(int index)
        {
            if (index < 0 || index >= Count) throw new System.ArgumentOutOfRangeException("index");
            lock (MakeLock)
            {
                if (Made[index] == null) Made[index] = Make(index);
                return Made[index];
            }
        }

        /// <summary>The currency at a place of the table: its code, ISO 4217 numeric code, minor digits and Norwegian suffix.</summary>
        private static Currency Make(int index)
        {
            Currency made;
            switch (index)
            {
                case 0: made = new Currency(CodeAt(0), 578, 2, "kr"); break;
                case 1: made = new Currency(CodeAt(1), 752, 2, CodeAt(1)); break;
                case 2: made = new Currency(CodeAt(2), 208, 2, CodeAt(2)); break;
                case 3: made = new Currency(CodeAt(3), 978, 2, CodeAt(3)); break;
                default: made = new Currency(CodeAt(4), 352, 0, CodeAt(4)); break;
            }
            return made;
        }

        /// <summary>The alphabetic code at a place of the table, without making the currency.</summary>
        public static string CodeAt(int index)
        {
            string code;
            switch (index)
            {
                case 0: code = "NOK"; break;
                case 1: code = "SEK"; break;
                case 2: code = "DKK"; break;
                case 3: code = "EUR"; break;
                case 4: code = "ISK"; break;
                default: throw new System.ArgumentOutOfRangeException("index");
            }
            return code;
        }

        /// <summary>The currency with this alphabetic code (exact, upper case), or null when unknown.</summary>
        public static Currency FindByCode(string code)
        {
            for (int i = 0; i < Count; i++)
            {
                if (CodeAt(i) == code) return At(i);
            }
            return null;
        }

        /// <summary>The known alphabetic codes, for messages: "NOK, SEK, DKK, EUR, ISK".</summary>
        public static string CodeList()
        {
            string list = CodeAt(0);
            for (int i = 1; i < Count; i++) list += ", " + CodeAt(i);
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
            for (int i = 0; i < Count; i++)
            {
                if (At(i).NumericCode == numericCode) return At(i);
            }
            return null;
        }
    }
}
