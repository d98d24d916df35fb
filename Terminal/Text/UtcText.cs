namespace Terminal.Text
{
    /// <summary>Calendar text of a wall-clock time, without DateTime format strings (nanoFramework has few).</summary>
    public static class UtcText
    {
        private const long SecondsPerDay = 86400;

        /// <summary>"2026-11-25 16:40" for seconds since 1970-01-01 UTC (proleptic Gregorian calendar).</summary>
        public static string Minutes(long unixSeconds)
        {
            long days = unixSeconds / SecondsPerDay;
            long secondOfDay = unixSeconds % SecondsPerDay;
            if (secondOfDay < 0)
            {
                secondOfDay += SecondsPerDay;
                days--;
            }
            // Days to civil date: H. Hinnant's algorithm over 400-year eras starting on 1 March.
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long dayOfEra = z - era * 146097;
            long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
            long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
            long monthIndex = (5 * dayOfYear + 2) / 153;
            long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
            long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
            long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
            return year.ToString() + "-" + TwoDigits(month) + "-" + TwoDigits(day) + " "
                + TwoDigits(secondOfDay / 3600) + ":" + TwoDigits(secondOfDay / 60 % 60);
        }

        private static string TwoDigits(long value)
        {
            return value < 10 ? "0" + value.ToString() : value.ToString();
        }
    }
}
