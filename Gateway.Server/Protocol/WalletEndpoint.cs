using System.Text.Json;
using Gateway.Server.Storage;
using Microsoft.AspNetCore.Http;
using Terminal.Drivers.Timing;

namespace Gateway.Server.Protocol;

/// <summary>
/// The development wallet's POST /wallet/pay {"code": "..."} (docs/gateway-protocol.md 3.7): what a tourist's
/// wallet backend does when it pays a code this gateway issued. Unsigned: it is not a terminal call.
/// </summary>
public sealed class WalletEndpoint
{
    private readonly IGatewayStore _store;
    private readonly IWallClock _clock;

    public WalletEndpoint(IGatewayStore store, IWallClock clock)
    {
        _store = store;
        _clock = clock;
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        byte[]? body = await TerminalProtocolEndpoint.ReadBodyAsync(ctx.Request, TerminalProtocolEndpoint.MaxRequestBytes);
        string? code = null;
        try
        {
            if (body != null)
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out JsonElement c)
                    && c.ValueKind == JsonValueKind.String)
                    code = c.GetString();
            }
        }
        catch (JsonException)
        {
        }
        ctx.Response.ContentType = "application/json";
        if (code == null)
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsync(ProtocolErrors.Json(ProtocolErrors.BadRequest, "body must be {\"code\": \"...\"}"));
            return;
        }
        (PaymentResult result, StoredOrder? order) = await _store.PayAsync(code, _clock.UnixSeconds);
        (int status, string json) = result switch
        {
            PaymentResult.Paid => (200, JsonSerializer.Serialize(new { status = OrderStatus.Paid, orderId = order!.OrderId })),
            PaymentResult.AlreadyPaid => (409, ProtocolErrors.Json(ProtocolErrors.AlreadyPaid, "this code has been paid")),
            PaymentResult.Cancelled => (410, ProtocolErrors.Json(ProtocolErrors.Cancelled, "the merchant cancelled this order")),
            PaymentResult.Expired => (410, ProtocolErrors.Json(ProtocolErrors.Expired, "this code has expired")),
            _ => (404, ProtocolErrors.Json(ProtocolErrors.UnknownCode, "no order has this code")),
        };
        ctx.Response.StatusCode = status;
        await ctx.Response.WriteAsync(json);
    }
}
