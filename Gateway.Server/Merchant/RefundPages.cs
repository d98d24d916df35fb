using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Gateway.Server.Acquiring;
using Gateway.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gateway.Server.Merchant;

/// <summary>
/// The merchant page's refund in three steps: GET /merchant/refund?order=ID (the form: amount, reason), POST
/// /merchant/refund/confirm (the confirmation page, which fixes the refund's id), POST /merchant/refund (the
/// refund through the <see cref="RefundDesk"/>, recorded with the signed-in user as operator). Both POSTs carry
/// the antiforgery token; GET /merchant/refunds.csv lists every refund with who asked and why.
/// </summary>
public sealed class RefundPages
{
    private readonly IGatewayStore _store;
    private readonly Func<RefundDesk?> _refunds;

    public RefundPages(IGatewayStore store, Func<RefundDesk?> refunds)
    {
        _store = store;
        _refunds = refunds;
    }

    public void Map(WebApplication app)
    {
        app.MapGet(MerchantPage.Root + "/refund", MerchantPage.Authorized(FormAsync));
        app.MapPost(MerchantPage.Root + "/refund/confirm", MerchantPage.Form(ConfirmAsync));
        app.MapPost(MerchantPage.Root + "/refund", MerchantPage.Form(RefundAsync));
        app.MapGet(MerchantPage.Root + "/refunds.csv", MerchantPage.Authorized(CsvAsync));
    }

    /// <summary>A refund id the page makes: "page-" and 16 random hex digits (docs/gateway-protocol.md 6.1).</summary>
    public static string NewRefundId() => "page-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private async Task FormAsync(HttpContext ctx)
    {
        StoredOrder? order = await _store.FindOrderAsync(ctx.Request.Query["order"].ToString());
        if (order is not { Status: OrderStatus.Paid })
        {
            await MerchantPage.BadRequest(ctx, "only a PAID order can be refunded");
            return;
        }
        long refundable = order.AmountMinor - await RefundedOrPendingAsync(order.OrderId);
        string digits = OrderReport.Major(refundable, OrderReport.MinorDigits(order.Currency));
        await MerchantPage.Html(ctx, Page("Refund",
            Summary(order, refundable) +
            "<form method=\"post\" action=\"" + MerchantPage.Root + "/refund/confirm\">" + Hidden("csrf", MerchantPage.Csrf(ctx), encoded: true) +
            Hidden("orderId", order.OrderId) +
            "<p><label>Amount (" + E(order.Currency) + ") <input name=\"amount\" id=\"refundAmount\" value=\"" + E(digits) + "\" required></label></p>" +
            "<p><label>Reason <input name=\"reason\" id=\"refundReason\" maxlength=\"" + RefundDesk.MaxReasonLength + "\"></label></p>" +
            "<p><button id=\"refundNext\">Next</button> <a href=\"" + MerchantPage.Root + "/\">Back</a></p></form>"));
    }

    private async Task ConfirmAsync(HttpContext ctx)
    {
        IFormCollection form = await ctx.Request.ReadFormAsync();
        (StoredOrder? order, long amountMinor, string reason, string? error) = await ReadAsync(form);
        if (error != null)
        {
            await MerchantPage.BadRequest(ctx, error);
            return;
        }
        string amount = OrderReport.Major(amountMinor, OrderReport.MinorDigits(order!.Currency)) + " " + order.Currency;
        await MerchantPage.Html(ctx, Page("Confirm the refund",
            Summary(order, order.AmountMinor - await RefundedOrPendingAsync(order.OrderId)) +
            "<p id=\"confirmText\">Refund <b>" + E(amount) + "</b> to the tourist's Alipay account" +
            (reason.Length > 0 ? " (reason: " + E(reason) + ")" : "") + "? This cannot be undone.</p>" +
            "<form method=\"post\" action=\"" + MerchantPage.Root + "/refund\">" + Hidden("csrf", MerchantPage.Csrf(ctx), encoded: true) +
            Hidden("orderId", order.OrderId) + Hidden("amount", form["amount"].ToString()) + Hidden("reason", reason) +
            Hidden("refundId", NewRefundId()) +
            "<button id=\"refundConfirm\">Confirm refund</button> <a href=\"" + MerchantPage.Root + "/\">Cancel</a></form>"));
    }

    private async Task RefundAsync(HttpContext ctx)
    {
        IFormCollection form = await ctx.Request.ReadFormAsync();
        string refundId = form["refundId"].ToString();
        (StoredOrder? order, long amountMinor, string reason, string? error) = await ReadAsync(form);
        if (error == null && (!refundId.StartsWith("page-", StringComparison.Ordinal) || refundId.Length != 21 || !refundId[5..].All(char.IsAsciiHexDigitLower)))
            error = "the refund id is missing or malformed: start again from the list";
        RefundDesk? desk = _refunds();
        if (error != null || desk == null)
        {
            await MerchantPage.BadRequest(ctx, error ?? "the gateway is starting: try again");
            return;
        }
        string who = "page:" + (ctx.User.Identity?.Name ?? "merchant");
        RefundRequestOutcome outcome = await desk.RequestAsync(null, order!.OrderId, refundId, amountMinor, order.Currency, who, reason);
        string message = outcome.Result switch
        {
            RefundRequestResult.ExceedsPaid => "Refused: that is more than is still refundable.",
            RefundRequestResult.NotPaid => "Refused: the order is not PAID.",
            RefundRequestResult.Conflict => "Refused: this refund id was used for another refund.",
            RefundRequestResult.UnknownOrder => "Refused: no such order.",
            _ => outcome.Refund!.Status switch
            {
                RefundStatus.Refunded => "Refunded " + OrderReport.Major(outcome.Refund.AmountMinor, OrderReport.MinorDigits(order.Currency)) + " " + order.Currency + ".",
                RefundStatus.Refused => "Alipay refused the refund (" + outcome.Refund.Detail + ").",
                _ => "Refund pending: Alipay's answer is not known yet; the gateway asks again with the same refund id.",
            },
        };
        if (outcome.Result is not (RefundRequestResult.Recorded or RefundRequestResult.Existing)) ctx.Response.StatusCode = 409;
        await MerchantPage.Html(ctx, Page("Refund", "<p id=\"refundResult\">" + E(message) + "</p><p><a href=\"" + MerchantPage.Root + "/\">Back to the list</a></p>"));
    }

    private async Task CsvAsync(HttpContext ctx)
    {
        ctx.Response.ContentType = "text/csv; charset=utf-8";
        ctx.Response.Headers.ContentDisposition = "attachment; filename=\"refunds.csv\"";
        await ctx.Response.WriteAsync(OrderReport.RefundsCsv(await _store.ListRefundsAsync(null, 1_000_000)));
    }

    /// <summary>The order, amount and reason of a refund form, or what is wrong with them.</summary>
    private async Task<(StoredOrder?, long, string, string?)> ReadAsync(IFormCollection form)
    {
        StoredOrder? order = await _store.FindOrderAsync(form["orderId"].ToString());
        if (order is not { Status: OrderStatus.Paid }) return (null, 0, "", "only a PAID order can be refunded");
        string reason = form["reason"].ToString().Trim();
        if (!RefundDesk.IsValidReason(reason)) return (null, 0, "", "reason: at most 64 characters of plain text (A-Z, digits, punctuation)");
        if (!OrderReport.TryMinor(form["amount"].ToString(), order.Currency, out long amountMinor))
            return (null, 0, "", "amount: a positive number like 50.00");
        long refundable = order.AmountMinor - await RefundedOrPendingAsync(order.OrderId);
        if (amountMinor > refundable)
            return (null, 0, "", "amount: at most " + OrderReport.Major(refundable, OrderReport.MinorDigits(order.Currency)) + " is still refundable");
        return (order, amountMinor, reason, null);
    }

    private async Task<long> RefundedOrPendingAsync(string orderId) =>
        (await _store.ListRefundsAsync(orderId, 10_000)).Where(r => r.Status != RefundStatus.Refused).Sum(r => r.AmountMinor);

    private static string Summary(StoredOrder order, long refundableMinor)
    {
        int digits = OrderReport.MinorDigits(order.Currency);
        return "<p>Order <code>" + E(order.OrderId) + "</code> of terminal " + E(order.TerminalId) + ": paid " +
               E(OrderReport.Major(order.AmountMinor, digits) + " " + order.Currency) + ", still refundable " +
               E(OrderReport.Major(refundableMinor, digits) + " " + order.Currency) + ".</p>";
    }

    private static string Page(string title, string body) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(title) + "</title>" +
        "<style>body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}</style></head><body><h1>" + E(title) + "</h1>" + body + "</body></html>";

    private static string Hidden(string name, string value, bool encoded = false) =>
        "<input type=\"hidden\" name=\"" + name + "\" value=\"" + (encoded ? value : E(value)) + "\">";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
