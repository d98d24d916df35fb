using System.Text.Json;
using Terminal.Gateway;

namespace Gateway.Server.Protocol;

/// <summary>The error codes of docs/gateway-protocol.md section 4 and the body that carries them.</summary>
public static class ProtocolErrors
{
    public const string BadRequest = "bad_request";
    public const string UnknownTerminal = "unknown_terminal";
    public const string TerminalDisabled = "terminal_disabled";
    public const string Unsigned = "unsigned";
    public const string BadSignature = "bad_signature";
    public const string StaleTimestamp = "stale_timestamp";
    public const string Replayed = "replayed";
    public const string UnknownOrder = GatewayErrors.UnknownOrder; // the firmware reads these two
    public const string UnknownPath = "unknown_path";
    public const string OrderConflict = GatewayErrors.OrderConflict;
    public const string TooLarge = "too_large";
    public const string Unavailable = "unavailable";
    // The wallet's refusals (3.7).
    public const string UnknownCode = "unknown_code";
    public const string AlreadyPaid = "already_paid";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";

    public static string Json(string error, string message) => JsonSerializer.Serialize(new { error, message });
}
