using System.Text.Json;
using System.Text.RegularExpressions;

namespace Gateway.Server.Protocol;

/// <summary>Reads and range-checks the fields of a protocol request body (docs/gateway-protocol.md section 3).</summary>
public static partial class RequestFields
{
    public const long MaxAmountMinor = 99_999_999_999;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OrderIdPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    public static bool TryOrderId(JsonElement root, out string orderId) =>
        TryString(root, "orderId", out orderId) && OrderIdPattern().IsMatch(orderId);

    public static bool TryCurrency(JsonElement root, out string currency) =>
        TryString(root, "currency", out currency) && CurrencyPattern().IsMatch(currency);

    public static bool TryAmount(JsonElement root, out long amount) => TryInt(root, "amountMinor", 1, MaxAmountMinor, out amount);

    public static bool TryInt(JsonElement root, string name, long min, long max, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.Number
            && e.TryGetInt64(out value) && value >= min && value <= max;
    }

    public static bool TryString(JsonElement root, string name, out string value)
    {
        value = "";
        if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind != JsonValueKind.String) return false;
        value = e.GetString()!;
        return true;
    }
}
