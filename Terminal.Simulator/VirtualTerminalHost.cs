using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Text.Json;
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
            using var terminal = VirtualTerminal.Start(new VirtualTerminalOptions { PrintLog = true, ProvisioningFileText = provisioning });
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
                terminal.Log.Line("Gateway server on " + terminal.Gateway.BaseUrl + " (wallet endpoint POST /wallet/pay).");
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
                string? keys;
                try
                {
                    using var doc = await JsonDocument.ParseAsync(http.Request.Body);
                    keys = doc.RootElement.TryGetProperty("keys", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                }
                catch (JsonException)
                {
                    return Results.Json(new { error = "body must be JSON like {\"keys\": \"12500D\"}" }, statusCode: 400);
                }
                if (keys == null) return Results.Json(new { error = "missing string field 'keys'" }, statusCode: 400);
                try
                {
                    terminal.PressKeys(keys);
                }
                catch (ArgumentException e)
                {
                    return Results.Json(new { error = e.Message }, statusCode: 400);
                }
                catch (TimeoutException e)
                {
                    return Results.Json(new { error = e.Message }, statusCode: 503);
                }
                return Results.Json(new { pressed = keys.Length, screen = terminal.State().Screen });
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
