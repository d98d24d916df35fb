using Microsoft.AspNetCore.Http;

namespace Gateway.Acquirers.Alipay;

/// <summary>
/// The server's notify_url handler: reads the posted form, verifies it with the client, hands a verified
/// notification to <c>apply</c> (which records it idempotently and returns true once it is safely stored) and
/// answers "success" only then; a refused or unapplied notification gets "fail", so Alipay sends it again.
/// </summary>
public static class AlipayNotificationEndpoint
{
    public const int MaxFormBytes = 16 * 1024;

    public static async Task HandleAsync(HttpContext ctx, AlipayClient client, Func<AlipayNotification, Task<bool>> apply)
    {
        bool accepted = false;
        // Alipay posts a small form with its length stated; anything else is not read at all.
        if (ctx.Request.HasFormContentType && ctx.Request.ContentLength is > 0 and <= MaxFormBytes)
        {
            IFormCollection form = await ctx.Request.ReadFormAsync(ctx.RequestAborted).ConfigureAwait(false);
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var field in form)
                foreach (string? value in field.Value)
                    fields.Add(new KeyValuePair<string, string>(field.Key, value ?? ""));
            AlipayNotificationResult read = client.ReadNotification(fields);
            if (read.IsVerified) accepted = await apply(read.Notification!).ConfigureAwait(false);
        }
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "text/plain";
        await ctx.Response.WriteAsync(accepted ? AlipayProtocol.NotificationAcknowledgement : AlipayProtocol.NotificationRefusal).ConfigureAwait(false);
    }
}
