using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Terminal.Simulator
{
    /// <summary>
    /// Serves the simulator's page and its control API on 127.0.0.1 (contract in shared design.md):
    /// POST /api/keys, GET /api/screen.png, GET /api/state, POST /api/phone/scan-and-pay, and GET /api/log.
    /// </summary>
    public static class VirtualTerminalHost
    {
        public const int ScreenPngScale = 4;

        public static int Run(SimulatorOptions options)
        {
            string? provisioning = null;
            if (options.ProvisioningPath != null)
            {
                if (!File.Exists(options.ProvisioningPath))
                {
                    Console.Error.WriteLine("Provisioning file " + options.ProvisioningPath + " not found.");
                    return 2;
                }
                provisioning = File.ReadAllText(options.ProvisioningPath);
                if (Terminal.Config.TerminalConfig.Parse(provisioning, out var error) == null)
                {
                    Console.Error.WriteLine("Provisioning file " + options.ProvisioningPath + " rejected: " + error);
                    return 2;
                }
            }
            using var terminal = VirtualTerminal.Start(TerminalOptions(options) with
            {
                ProvisioningFileText = provisioning, ThroughAlipay = provisioning == null && options.ThroughAlipay,
            });
            using var app = Build(terminal, options.Port);
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                Console.Error.WriteLine("Cannot serve on 127.0.0.1:" + options.Port + " (" + e.Message + "). Pick another port with --port N.");
                return 4;
            }
            string url = BoundUrl(app);
            if (provisioning != null)
            {
                terminal.Log.Line("Gateway of the provisioning file: " + terminal.GatewayUrl + " (merchant page " + terminal.GatewayUrl + "/merchant/).");
            }
            else
            {
                terminal.Log.Line("Gateway server on " + terminal.Gateway.BaseUrl + (options.ThroughAlipay
                    ? " (acquirer Alipay)."
                    : " (acquirer: the development wallet, POST /wallet/pay)."));
                if (options.ThroughAlipay)
                    terminal.Log.Line("Alipay emulator on " + terminal.Alipay.Emulator.BaseUrl + " (gateway.do; the phone pays at its POST /wallet/pay); the gateway's acquirer is Alipay.");
                // A fresh password at each start, as with the technician PIN: the page's data lives in a temporary folder.
                string? merchantPassword = terminal.Gateway.Merchant.EnsurePasswordAsync().GetAwaiter().GetResult();
                terminal.Log.Line("Merchant page on " + terminal.Gateway.BaseUrl + "/merchant/ (password " + merchantPassword + ").");
            }
            terminal.Log.Line("Simulator page and control API on " + url + "/");
            if (!options.Headless)
            {
                Console.WriteLine();
                Console.WriteLine("Open " + url + "/ in a browser. Ctrl+C stops the simulator.");
                TryOpenBrowser(url + "/");
            }
            app.WaitForShutdown();
            return 0;
        }

        /// <summary>The virtual terminal the command line asks for (the shop's defaults for what it leaves out).</summary>
        public static VirtualTerminalOptions TerminalOptions(SimulatorOptions options) => new()
        {
            PrintLog = true,
            Language = options.Language,
            Currency = options.Currency,
            PanelController = options.PanelController,
        };

        /// <summary>The web app over a running virtual terminal; port 0 picks a free port (tests).</summary>
        public static WebApplication Build(VirtualTerminal terminal, int port)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:" + port);
            var app = builder.Build();

            app.MapGet("/", () => Results.Content(PageHtml(), "text/html; charset=utf-8"));

            app.MapPost("/api/keys", async (HttpContext http) =>
            {
                (string keys, string? problem) = await ReadKeysRequest(http.Request);
                if (problem != null) return Results.Json(new { error = problem }, statusCode: 400);
                string ignored;
                try
                {
                    // The request's abort token: a client that went away stops the typing at the next key.
                    ignored = terminal.PressKeys(keys, http.RequestAborted);
                }
                catch (ArgumentException e)
                {
                    return Results.Json(new { error = e.Message }, statusCode: 400);
                }
                catch (TimeoutException e)
                {
                    return Results.Json(new { error = e.Message }, statusCode: 503);
                }
                catch (OperationCanceledException)
                {
                    return Results.Empty; // nobody is listening any more
                }
                return Results.Json(new { pressed = keys.Length, screen = terminal.State().Screen, ignored });
            });

            app.MapGet("/api/screen.png", () => Results.File(terminal.ScreenPng(ScreenPngScale), "image/png"));

            app.MapGet("/api/state", () =>
            {
                var s = terminal.State();
                return Results.Json(new
                {
                    screen = s.Screen,
                    amountMinor = s.AmountMinor,
                    currency = s.Currency,
                    orderId = s.OrderId,
                    gateway = s.Gateway,
                    busBytes = s.BusBytes,
                    state = s.State,
                    frames = s.Frames,
                    beepCount = s.BeepCount,
                    beeps = terminal.Piezo.TonesAfter(0).Select(t => new { n = t.Number, hz = t.FrequencyHz, atMs = t.StartMs, ms = t.DurationMs }),
                });
            });

            app.MapPost("/api/phone/scan-and-pay", () =>
            {
                var r = terminal.ScanAndPay();
                return Results.Json(new { paid = r.Paid, code = r.Code, error = r.Error });
            });

            app.MapGet("/api/log", (int? from) =>
            {
                var (lines, next) = terminal.Log.Since(from ?? 0);
                return Results.Json(new { lines, next });
            });

            return app;
        }

        /// <summary>Most keycaps one POST /api/keys may press: a long script is sent in several requests.</summary>
        public const int MaxKeysPerRequest = 64;

        /// <summary>Largest /api/keys body read: a JSON object with 64 keycaps is far smaller.</summary>
        private const int MaxKeysBodyBytes = 1024;

        /// <summary>
        /// Reads {"keys": "..."}: the keycaps, or what is wrong with the request. Every malformed body (not UTF-8,
        /// not JSON, not an object, a lone surrogate, too long) is a 400 with a reason, never a 500.
        /// </summary>
        private static async Task<(string Keys, string? Problem)> ReadKeysRequest(HttpRequest request)
        {
            byte[] body = new byte[MaxKeysBodyBytes + 1];
            int length = 0, read;
            while (length < body.Length && (read = await request.Body.ReadAsync(body.AsMemory(length))) > 0) length += read;
            if (length > MaxKeysBodyBytes) return ("", "body over " + MaxKeysBodyBytes + " bytes");
            string? keys;
            try
            {
                using var doc = JsonDocument.Parse(body.AsMemory(0, length));
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    return ("", "body must be a JSON object like {\"keys\": \"12500D\"}");
                if (!doc.RootElement.TryGetProperty("keys", out JsonElement k) || k.ValueKind != JsonValueKind.String)
                    return ("", "missing string field 'keys'");
                keys = k.GetString();
            }
            catch (JsonException)
            {
                return ("", "body must be UTF-8 JSON like {\"keys\": \"12500D\"}");
            }
            catch (InvalidOperationException)
            {
                return ("", "'keys' must be valid UTF-8 text without lone surrogates");
            }
            if (keys == null) return ("", "missing string field 'keys'");
            if (keys.Length > MaxKeysPerRequest) return ("", "at most " + MaxKeysPerRequest + " keys per request, got " + keys.Length);
            return (keys, null);
        }

        public static string BoundUrl(WebApplication app)
        {
            foreach (string address in app.Urls) return address.TrimEnd('/');
            throw new InvalidOperationException("the web app is not listening");
        }

        private static string PageHtml()
        {
            using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Terminal.Simulator.Page.index.html")
                ?? throw new InvalidOperationException("page resource missing");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        private static void TryOpenBrowser(string url)
        {
            bool desktop = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
                || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
                || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
            if (!desktop) return;
            try
            {
                Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
            }
            catch (Exception)
            {
                // No browser to open: the address is printed above.
            }
        }
    }
}
