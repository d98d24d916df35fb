using System.Text.Json;
using System.Text.RegularExpressions;
using Terminal.Money;

namespace Gateway.Server.Protocol;

/// <summary>
/// Reads and range-checks the fields of a protocol request body (docs/gateway-protocol.md section 3). The
/// patterns are anchored with \A and \z (a '$' would accept a final newline); currencies are the ones the
/// firmware's table knows; an order id belongs to the terminal whose id, and a '-', it starts with.
/// </summary>
public static partial class RequestFields
{
    public const long MaxAmountMinor = 99_999_999_999;

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex OrderIdPattern();

    /// <summary>16 lowercase hex characters (section 2).</summary>
    [GeneratedRegex(@"\A[0-9a-f]{16}\z")]
    private static partial Regex NoncePattern();

    /// <summary>An order id of this terminal: the pattern, and "&lt;terminalId&gt;-" in front (as OrderIds makes them).</summary>
    public static bool TryOrderId(JsonElement root, string terminalId, out string orderId) =>
        TryString(root, "orderId", out orderId) && OrderIdPattern().IsMatch(orderId)
        && orderId.Length > terminalId.Length + 1 && orderId.StartsWith(terminalId + "-", StringComparison.Ordinal);

    /// <summary>A refund id: the order id's alphabet and length (the terminal makes it like an order id; the page "page-" + hex).</summary>
    public static bool TryRefundId(JsonElement root, out string refundId) =>
        TryString(root, "refundId", out refundId) && OrderIdPattern().IsMatch(refundId);

    public static bool IsNonce(string nonce) => NoncePattern().IsMatch(nonce);

    /// <summary>A currency the firmware's table knows (NOK, SEK, DKK, EUR, ISK).</summary>
    public static bool TryCurrency(JsonElement root, out string currency) =>
        TryString(root, "currency", out currency) && CurrencyTable.FindByCode(currency) != null;

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
