using System.Globalization;
using System.Text;
using Gateway.Server.Storage;
using Terminal.Money;

namespace Gateway.Server.Merchant;

/// <summary>What the merchant's page and CSV export say about a list of orders: rows and PAID totals per currency.</summary>
public static class OrderReport
{
    public sealed record CurrencyTotal(string Currency, long AmountMinor, int MinorDigits, int PaidCount);

    /// <summary>Sum of PAID orders per currency (the day's takings when the list is one day's).</summary>
    public static IReadOnlyList<CurrencyTotal> PaidTotals(IEnumerable<StoredOrder> orders) =>
        orders.Where(o => o.Status == OrderStatus.Paid)
            .GroupBy(o => o.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyTotal(g.Key, g.Sum(o => o.AmountMinor), MinorDigits(g.Key), g.Count()))
            .ToList();

    /// <summary>ISO 4217 minor digits from the firmware's currency table (2 for a currency it does not list).</summary>
    public static int MinorDigits(string currency) => CurrencyTable.FindByCode(currency)?.MinorDigits ?? 2;

    /// <summary>"1234.50" from 123450 minor units and 2 digits: the amount in the currency's major unit.</summary>
    public static string Major(long amountMinor, int minorDigits)
    {
        if (minorDigits == 0) return amountMinor.ToString(CultureInfo.InvariantCulture);
        long per = (long)Math.Pow(10, minorDigits);
        return (amountMinor / per).ToString(CultureInfo.InvariantCulture) + "." + (amountMinor % per).ToString(new string('0', minorDigits), CultureInfo.InvariantCulture);
    }

    public static string Csv(IEnumerable<StoredOrder> orders, long nowUnix)
    {
        var csv = new StringBuilder("order_id,terminal_id,created_utc,status,amount,currency,amount_minor,paid_utc\r\n");
        foreach (StoredOrder o in orders)
        {
            StoredOrder now = o.AsOf(nowUnix);
            csv.Append(Field(o.OrderId)).Append(',').Append(Field(o.TerminalId)).Append(',')
                .Append(Utc(o.CreatedAtUnix)).Append(',').Append(now.Status).Append(',')
                .Append(Major(o.AmountMinor, MinorDigits(o.Currency))).Append(',').Append(Field(o.Currency)).Append(',')
                .Append(o.AmountMinor.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(o.PaidAtUnix is long paid ? Utc(paid) : "").Append("\r\n");
        }
        return csv.ToString();
    }

    public static string Utc(long unix) => DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
