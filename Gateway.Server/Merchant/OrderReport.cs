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

    /// <summary>Per order, the refunds made (REFUNDED) in minor units; pending and refused ones are not money returned yet.</summary>
    public static IReadOnlyDictionary<string, long> RefundedByOrder(IEnumerable<StoredRefund> refunds) =>
        refunds.Where(r => r.Status == RefundStatus.Refunded).GroupBy(r => r.OrderId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.AmountMinor), StringComparer.Ordinal);

    /// <summary>"50.00" (or "50") in minor units for the currency; false for anything else (no sign, no exponent, no extra digits).</summary>
    public static bool TryMinor(string text, string currency, out long amountMinor)
    {
        amountMinor = 0;
        int digits = MinorDigits(currency);
        text = text.Trim().Replace(',', '.');
        int dot = text.IndexOf('.');
        string whole = dot < 0 ? text : text[..dot];
        string fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length is 0 or > 11 || fraction.Length > digits || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit)) return false;
        amountMinor = long.Parse(whole, CultureInfo.InvariantCulture) * (long)Math.Pow(10, digits)
                      + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(digits, '0'), CultureInfo.InvariantCulture));
        return amountMinor > 0;
    }

    public static string Csv(IEnumerable<StoredOrder> orders, long nowUnix, IReadOnlyDictionary<string, long> refundedByOrder)
    {
        var csv = new StringBuilder("order_id,terminal_id,created_utc,status,amount,currency,amount_minor,paid_utc,refunded,refunded_minor\r\n");
        foreach (StoredOrder o in orders)
        {
            StoredOrder now = o.AsOf(nowUnix);
            csv.Append(Field(o.OrderId)).Append(',').Append(Field(o.TerminalId)).Append(',')
                .Append(Utc(o.CreatedAtUnix)).Append(',').Append(now.Status).Append(',')
                .Append(Major(o.AmountMinor, MinorDigits(o.Currency))).Append(',').Append(Field(o.Currency)).Append(',')
                .Append(o.AmountMinor.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(o.PaidAtUnix is long paid ? Utc(paid) : "").Append(',');
            long refunded = refundedByOrder.GetValueOrDefault(o.OrderId);
            csv.Append(refunded > 0 ? Major(refunded, MinorDigits(o.Currency)) : "").Append(',')
                .Append(refunded.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>Every refund with who asked and why (the refunds CSV).</summary>
    public static string RefundsCsv(IEnumerable<StoredRefund> refunds)
    {
        var csv = new StringBuilder("refund_id,order_id,requested_utc,status,amount,currency,amount_minor,operator,reason,settled_utc,detail\r\n");
        foreach (StoredRefund r in refunds)
        {
            csv.Append(Field(r.RefundId)).Append(',').Append(Field(r.OrderId)).Append(',').Append(Utc(r.RequestedAtUnix)).Append(',')
                .Append(r.Status).Append(',').Append(Major(r.AmountMinor, MinorDigits(r.Currency))).Append(',').Append(Field(r.Currency)).Append(',')
                .Append(r.AmountMinor.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Field(r.Operator)).Append(',')
                .Append(Field(r.Reason)).Append(',').Append(r.SettledAtUnix is long s ? Utc(s) : "").Append(',')
                .Append(Field(r.Detail ?? "")).Append("\r\n");
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
