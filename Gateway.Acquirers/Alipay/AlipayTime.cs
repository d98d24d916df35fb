using System.Globalization;

namespace Gateway.Acquirers.Alipay;

/// <summary>Alipay's request timestamps: Beijing time (GMT+8), "yyyy-MM-dd HH:mm:ss".</summary>
public static class AlipayTime
{
    public const string Format = "yyyy-MM-dd HH:mm:ss";
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static string ToWire(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads a GMT+8 timestamp; false for anything not exactly in the format.</summary>
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null || !DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
            return false;
        instant = new DateTimeOffset(local, Offset);
        return true;
    }
}
