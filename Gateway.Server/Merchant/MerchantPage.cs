using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Claims;
using Gateway.Server.Storage;
using Gateway.Server.Terminals;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Terminal.Drivers.Timing;

namespace Gateway.Server.Merchant;

/// <summary>
/// The merchant's page under /merchant/: login (hashed password, cookie session), the live list of
/// transactions with filters by terminal and UTC day, PAID totals per currency, CSV export, the terminals with
/// last contact and firmware, and terminal management (add, rotate key, disable, enable). Every form POST
/// carries an antiforgery token and is refused without it; password attempts are limited per address.
/// </summary>
public sealed class MerchantPage
{
    public const string Root = "/merchant";
    /// <summary>Password attempts per client address and minute (guessing a password takes many).</summary>
    public const int LoginAttemptsPerMinute = 5;
    private const string LoginPolicy = "merchant-login";
    private const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    private readonly IGatewayStore _store;
    private readonly TerminalRegistry _terminals;
    private readonly MerchantAccount _account;
    private readonly IWallClock _clock;
    private readonly GatewayServerOptions _options;

    public MerchantPage(IGatewayStore store, TerminalRegistry terminals, MerchantAccount account, IWallClock clock, GatewayServerOptions options)
    {
        _store = store;
        _terminals = terminals;
        _account = account;
        _clock = clock;
        _options = options;
    }

    public static void AddServices(IServiceCollection services)
    {
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "gw_merchant";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = Root;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = Root + "/login";
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginPolicy, ctx => RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "gw_csrf";
            o.Cookie.Path = Root;
            o.FormFieldName = "csrf";
        });
    }

    public void Map(WebApplication app)
    {
        app.MapGet(Root + "/login", LoginFormAsync);
        app.UseRateLimiter();
        app.MapPost(Root + "/login", LoginAsync).RequireRateLimiting(LoginPolicy);
        app.MapPost(Root + "/logout", Form(async ctx =>
        {
            await ctx.SignOutAsync(Scheme);
            ctx.Response.Redirect(Root + "/login");
        }));
        app.MapGet(Root + "/", Authorized(PageAsync));
        app.MapGet(Root + "/api/orders", Authorized(OrdersJsonAsync));
        app.MapGet(Root + "/api/terminals", Authorized(TerminalsJsonAsync));
        app.MapGet(Root + "/orders.csv", Authorized(CsvAsync));
        app.MapPost(Root + "/terminals/add", Form(AddTerminalAsync));
        app.MapPost(Root + "/terminals/rotate", Form(RotateKeyAsync));
        app.MapPost(Root + "/terminals/disable", Form(ctx => SetDisabledAsync(ctx, true)));
        app.MapPost(Root + "/terminals/enable", Form(ctx => SetDisabledAsync(ctx, false)));
    }

    // ---------------- login ----------------

    private async Task LoginFormAsync(HttpContext ctx) => await WriteLoginAsync(ctx, "");

    private async Task WriteLoginAsync(HttpContext ctx, string error)
    {
        string html = Template("login.html")
            .Replace("{{csrf}}", Csrf(ctx))
            .Replace("{{error}}", WebUtility.HtmlEncode(error));
        await Html(ctx, html);
    }

    private async Task LoginAsync(HttpContext ctx)
    {
        if (!await ValidCsrfAsync(ctx)) return;
        IFormCollection form = await ctx.Request.ReadFormAsync();
        if (!await _account.VerifyAsync(form["password"].ToString()))
        {
            ctx.Response.StatusCode = 401;
            await WriteLoginAsync(ctx, "Wrong password.");
            return;
        }
        var identity = new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, "merchant") }, Scheme);
        await ctx.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        ctx.Response.Redirect(Root + "/");
    }

    // ---------------- the page and its data ----------------

    private async Task PageAsync(HttpContext ctx)
    {
        string html = Template("index.html").Replace("{{csrf}}", Csrf(ctx));
        await Html(ctx, html);
    }

    private async Task OrdersJsonAsync(HttpContext ctx)
    {
        if (!TryFilter(ctx, out OrderFilter filter, out string error))
        {
            await BadRequest(ctx, error);
            return;
        }
        long now = _clock.UnixSeconds;
        IReadOnlyList<StoredOrder> orders = await _store.ListOrdersAsync(filter);
        await ctx.Response.WriteAsJsonAsync(new
        {
            orders = orders.Select(o => o.AsOf(now)).Select(o => new
            {
                o.OrderId, o.TerminalId, o.Status, o.AmountMinor, o.Currency,
                amount = OrderReport.Major(o.AmountMinor, OrderReport.MinorDigits(o.Currency)),
                created = OrderReport.Utc(o.CreatedAtUnix),
                paid = o.PaidAtUnix is long p ? OrderReport.Utc(p) : null,
            }),
            totals = OrderReport.PaidTotals(orders.Select(o => o.AsOf(now))).Select(t => new
            {
                t.Currency, t.AmountMinor, t.PaidCount, amount = OrderReport.Major(t.AmountMinor, t.MinorDigits),
            }),
        });
    }

    private async Task TerminalsJsonAsync(HttpContext ctx)
    {
        IReadOnlyList<StoredTerminal> terminals = await _store.ListTerminalsAsync();
        await ctx.Response.WriteAsJsonAsync(new
        {
            terminals = terminals.Select(t => new
            {
                t.TerminalId, t.Disabled,
                lastContact = t.LastContactUnix is long c ? OrderReport.Utc(c) : null,
                firmware = t.FirmwareVersion,
                previousKeyUntil = t.PreviousKeyValidUntilUnix is long u && u > _clock.UnixSeconds ? OrderReport.Utc(u) : null,
            }),
        });
    }

    private async Task CsvAsync(HttpContext ctx)
    {
        if (!TryFilter(ctx, out OrderFilter filter, out string error))
        {
            await BadRequest(ctx, error);
            return;
        }
        string csv = OrderReport.Csv(await _store.ListOrdersAsync(filter with { Limit = 1_000_000 }), _clock.UnixSeconds);
        ctx.Response.ContentType = "text/csv; charset=utf-8";
        ctx.Response.Headers.ContentDisposition = "attachment; filename=\"orders" + (filter.Day is DateOnly d ? "-" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "") + ".csv\"";
        await ctx.Response.WriteAsync(csv);
    }

    // ---------------- terminal management ----------------

    private async Task AddTerminalAsync(HttpContext ctx)
    {
        IFormCollection form = await ctx.Request.ReadFormAsync();
        string terminalId = form["terminalId"].ToString().Trim();
        if (!TerminalRegistry.IsValidTerminalId(terminalId))
        {
            await BadRequest(ctx, "terminal id: 1-24 letters, digits or '-'");
            return;
        }
        if (await _store.FindTerminalAsync(terminalId) != null)
        {
            ctx.Response.StatusCode = 409;
            await ctx.Response.WriteAsync("terminal " + terminalId + " is already registered");
            return;
        }
        if (!TryFileSettings(ctx, terminalId, form, out ProvisioningFile.Settings settings, out string error))
        {
            await BadRequest(ctx, error);
            return;
        }
        byte[] key = await _terminals.AddAsync(terminalId);
        await SendProvisioningFileAsync(ctx, terminalId, key, settings);
    }

    private async Task RotateKeyAsync(HttpContext ctx)
    {
        IFormCollection form = await ctx.Request.ReadFormAsync();
        string terminalId = form["terminalId"].ToString();
        if (await _store.FindTerminalAsync(terminalId) == null)
        {
            ctx.Response.StatusCode = 404;
            await ctx.Response.WriteAsync("no terminal " + terminalId);
            return;
        }
        if (!TryFileSettings(ctx, terminalId, form, out ProvisioningFile.Settings settings, out string error))
        {
            await BadRequest(ctx, error);
            return;
        }
        byte[] key = await _terminals.RotateAsync(terminalId);
        await SendProvisioningFileAsync(ctx, terminalId, key, settings);
    }

    private async Task SetDisabledAsync(HttpContext ctx, bool disabled)
    {
        IFormCollection form = await ctx.Request.ReadFormAsync();
        string terminalId = form["terminalId"].ToString();
        if (!await _store.SetDisabledAsync(terminalId, disabled))
        {
            ctx.Response.StatusCode = 404;
            await ctx.Response.WriteAsync("no terminal " + terminalId);
            return;
        }
        ctx.Response.Redirect(Root + "/#terminals");
    }

    /// <summary>The provisioning file's settings from the form, checked before any key is made or changed.</summary>
    private bool TryFileSettings(HttpContext ctx, string terminalId, IFormCollection form, out ProvisioningFile.Settings settings, out string error)
    {
        string wifi = form["wifiSsid"].ToString().Trim();
        settings = new ProvisioningFile.Settings(
            GatewayUrl: _options.PublicUrl ?? ctx.Request.Scheme + "://" + ctx.Request.Host.Value,
            WifiSsid: wifi.Length > 0 ? wifi : "CHANGE-ME",
            PanelController: form["panel"].ToString() is "sh1106" ? "sh1106" : "ssd1306");
        try
        {
            ProvisioningFile.Validate(terminalId, settings);
            error = "";
            return true;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The new key leaves the server once, inside terminal.cfg, as a download; it is never shown or logged.</summary>
    private static async Task SendProvisioningFileAsync(HttpContext ctx, string terminalId, byte[] key, ProvisioningFile.Settings settings)
    {
        string text = ProvisioningFile.Text(terminalId, key, settings);
        ctx.Response.ContentType = "text/plain; charset=utf-8";
        ctx.Response.Headers.ContentDisposition = "attachment; filename=\"" + terminalId + ".cfg\"";
        ctx.Response.Headers.CacheControl = "no-store";
        await ctx.Response.WriteAsync(text);
    }

    // ---------------- plumbing ----------------

    /// <summary>Only for a logged-in merchant; others go to the login form (or get 401 for data).</summary>
    private static RequestDelegate Authorized(RequestDelegate next) => async ctx =>
    {
        AuthenticateResult auth = await ctx.AuthenticateAsync(Scheme);
        if (!auth.Succeeded)
        {
            if (HttpMethods.IsGet(ctx.Request.Method) && ctx.Request.Path.Value!.TrimEnd('/') == Root) ctx.Response.Redirect(Root + "/login");
            else ctx.Response.StatusCode = 401;
            return;
        }
        ctx.User = auth.Principal!;
        await next(ctx);
    };

    /// <summary>A form POST of a logged-in merchant with a valid antiforgery token.</summary>
    private RequestDelegate Form(RequestDelegate next) => Authorized(async ctx =>
    {
        if (await ValidCsrfAsync(ctx)) await next(ctx);
    });

    private static async Task<bool> ValidCsrfAsync(HttpContext ctx)
    {
        if (await ctx.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(ctx)) return true;
        ctx.Response.StatusCode = 400;
        await ctx.Response.WriteAsync("the form's security token is missing or wrong: reload the page");
        return false;
    }

    private static string Csrf(HttpContext ctx) =>
        WebUtility.HtmlEncode(ctx.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(ctx).RequestToken!);

    private static bool TryFilter(HttpContext ctx, out OrderFilter filter, out string error)
    {
        filter = new OrderFilter();
        error = "";
        string terminal = ctx.Request.Query["terminal"].ToString();
        string day = ctx.Request.Query["day"].ToString();
        if (terminal.Length > 0) filter = filter with { TerminalId = terminal };
        if (day.Length > 0)
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed))
            {
                error = "day must be YYYY-MM-DD";
                return false;
            }
            filter = filter with { Day = parsed };
        }
        return true;
    }

    private static async Task BadRequest(HttpContext ctx, string message)
    {
        ctx.Response.StatusCode = 400;
        await ctx.Response.WriteAsync(message);
    }

    private static async Task Html(HttpContext ctx, string html)
    {
        ctx.Response.ContentType = "text/html; charset=utf-8";
        ctx.Response.Headers.CacheControl = "no-store";
        ctx.Response.Headers["Content-Security-Policy"] = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";
        await ctx.Response.WriteAsync(html);
    }

    private static string Template(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Gateway.Server.Merchant.Page." + name)
            ?? throw new InvalidOperationException("missing page resource " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
