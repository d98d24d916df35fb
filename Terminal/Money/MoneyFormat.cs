using System;

namespace Terminal.Money
{
    /// <summary>
    /// Writes amounts for people: Norwegian "1 234,50 kr" (space between thousands, comma before the
    /// minor digits, the suffix after) or English "NOK 1,234.50" (code first). Writes into a caller-owned
    /// char[] without allocating; <see cref="Format"/> is a string convenience for tests and logs.
    /// </summary>
    public static class MoneyFormat
    {
        /// <summary>Enough for any long amount in any known currency and language.</summary>
        public const int MaxChars = 40;

        /// <summary>The number of chars <see cref="Write"/> would write.</summary>
        public static int Length(long amountMinor, Currency currency, int language)
        {
            CheckArguments(currency, language);
            int length = NumberLength(amountMinor, currency);
            if (language == Language.Norwegian) length += 1 + currency.NorwegianSuffix.Length;
            else length += currency.Code.Length + 1;
            return length;
        }

        /// <summary>
        /// Writes the amount at <paramref name="offset"/> and returns the number of chars written. A buffer
        /// too small is refused before anything is written.
        /// </summary>
        public static int Write(long amountMinor, Currency currency, int language, char[] buffer, int offset)
        {
            int length = Length(amountMinor, currency, language);
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || offset > buffer.Length - length)
                throw new ArgumentException("the buffer has no room for " + length.ToString() + " chars at " + offset.ToString(), "buffer");

            bool norwegian = language == Language.Norwegian;
            int at = offset;
            if (!norwegian)
            {
                at = Append(currency.Code, buffer, at);
                buffer[at++] = ' ';
            }
            at += WriteNumber(amountMinor, currency, language, buffer, at);
            if (norwegian)
            {
                buffer[at++] = ' ';
                at = Append(currency.NorwegianSuffix, buffer, at);
            }
            return at - offset;
        }

        /// <summary>
        /// Writes only the number ("1 234,50" or "1,234.50", with a leading '-' when negative) - for screens that
        /// show the currency apart from the amount. Returns the number of chars written.
        /// </summary>
        public static int WriteNumber(long amountMinor, Currency currency, int language, char[] buffer, int offset)
        {
            CheckArguments(currency, language);
            int length = NumberLength(amountMinor, currency);
            if (buffer == null) throw new ArgumentNullException("buffer");
            if (offset < 0 || offset > buffer.Length - length)
                throw new ArgumentException("the buffer has no room for " + length.ToString() + " chars at " + offset.ToString(), "buffer");
            bool norwegian = language == Language.Norwegian;
            int at = offset;
            if (amountMinor < 0) buffer[at++] = '-';

            ulong magnitude = Magnitude(amountMinor);
            ulong perMajor = (ulong)currency.MinorPerMajor;
            at = WriteGrouped(magnitude / perMajor, norwegian ? ' ' : ',', buffer, at);
            if (currency.MinorDigits > 0)
            {
                buffer[at++] = norwegian ? ',' : '.';
                ulong minor = magnitude % perMajor;
                for (int i = currency.MinorDigits - 1; i >= 0; i--)
                {
                    buffer[at + i] = (char)('0' + (int)(minor % 10));
                    minor /= 10;
                }
                at += currency.MinorDigits;
            }
            return at - offset;
        }

        private static int NumberLength(long amountMinor, Currency currency)
        {
            ulong magnitude = Magnitude(amountMinor);
            int majorDigits = DigitCount(magnitude / (ulong)currency.MinorPerMajor);
            int length = majorDigits + (majorDigits - 1) / 3;
            if (currency.MinorDigits > 0) length += 1 + currency.MinorDigits;
            if (amountMinor < 0) length++;
            return length;
        }

        /// <summary>The amount as a new string (allocates: for tests, logs and the simulator, not per key press).</summary>
        public static string Format(long amountMinor, Currency currency, int language)
        {
            char[] text = new char[Length(amountMinor, currency, language)];
            Write(amountMinor, currency, language, text, 0);
            return new string(text);
        }

        /// <summary>Whole units with a separator every three digits from the right.</summary>
        private static int WriteGrouped(ulong major, char separator, char[] buffer, int at)
        {
            int digits = DigitCount(major);
            int end = at + digits + (digits - 1) / 3;
            int position = end;
            for (int written = 0; written < digits; written++)
            {
                if (written > 0 && written % 3 == 0) buffer[--position] = separator;
                buffer[--position] = (char)('0' + (int)(major % 10));
                major /= 10;
            }
            return end;
        }

        private static int Append(string text, char[] buffer, int at)
        {
            for (int i = 0; i < text.Length; i++) buffer[at++] = text[i];
            return at;
        }

        /// <summary>Digits of a whole number; zero has one.</summary>
        private static int DigitCount(ulong value)
        {
            int digits = 1;
            while (value >= 10)
            {
                value /= 10;
                digits++;
            }
            return digits;
        }

        /// <summary>|amount| without overflow, long.MinValue included.</summary>
        private static ulong Magnitude(long amountMinor)
        {
            return amountMinor < 0 ? (ulong)(-(amountMinor + 1)) + 1 : (ulong)amountMinor;
        }

        private static void CheckArguments(Currency currency, int language)
        {
            if (currency == null) throw new ArgumentNullException("currency");
            if (language != Language.Norwegian && language != Language.English)
                throw new ArgumentOutOfRangeException("language", "language must be Language.Norwegian or Language.English");
        }
    }
}
