using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Terminal.Simulator;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>The simulator's control API exactly as shared/design.md states it: scripts and checks depend on it.</summary>
public sealed class ControlApiTests : IDisposable
{
    private readonly VirtualTerminal _terminal;
    private readonly Microsoft.AspNetCore.Builder.WebApplication _web;
    private readonly HttpClient _http;

    public ControlApiTests()
    {
        _terminal = VirtualTerminal.Start(new VirtualTerminalOptions { TechnicianPin = "2468", PaidAcknowledgeGuardMs = 0, WaitHoldMs = 1000, RetryDelayMs = 200 });
        _web = VirtualTerminalHost.Build(_terminal, 0);
        _web.Start();
        _http = new HttpClient { BaseAddress = new Uri(VirtualTerminalHost.BoundUrl(_web)) };
        _terminal.WaitForScreen("amount");
    }

    public void Dispose()
    {
        _http.Dispose();
        _web.StopAsync().GetAwaiter().GetResult(); // xunit disposal is synchronous
        ((IDisposable)_web).Dispose();
        _terminal.Dispose();
    }

    private async Task<JsonElement> State() => JsonDocument.Parse(await _http.GetStringAsync("/api/state")).RootElement;

    [Fact]
    public async Task State_has_the_documented_fields_and_types()
    {
        var s = await State();
        Assert.Equal("amount", s.GetProperty("screen").GetString());
        Assert.Equal(0, s.GetProperty("amountMinor").GetInt64());
        Assert.Equal("NOK", s.GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, s.GetProperty("orderId").ValueKind);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", s.GetProperty("gateway").GetString());
        Assert.True(s.GetProperty("busBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task A_manager_refund_keyed_through_the_control_API_reaches_the_gateways_ledger()
    {
        await _http.PostAsJsonAsync("/api/keys", new { keys = "9900D" });
        _terminal.WaitForScreen("qr");
        string orderId = (await State()).GetProperty("orderId").GetString()!;
        Assert.True(JsonDocument.Parse(await (await _http.PostAsync("/api/phone/scan-and-pay", null)).Content.ReadAsStringAsync())
            .RootElement.GetProperty("paid").GetBoolean());
        _terminal.WaitForScreen("paid");
        await _http.PostAsJsonAsync("/api/keys", new { keys = "D*2468D7" });
        Assert.Equal("refund-list", (await State()).GetProperty("screen").GetString());
        _terminal.WaitFor(() => _terminal.Terminal.Model.MenuLines[0]?.StartsWith("1 ") == true,
            TimeSpan.FromSeconds(VirtualTerminal.DefaultWaitSeconds), "the list of paid sales");
        foreach (string key in new[] { "1", "D", "D" }) await _http.PostAsJsonAsync("/api/keys", new { keys = key });
        _terminal.WaitForScreen("refunded");
        global::Gateway.Server.Storage.StoredRefund refund = Assert.Single(await _terminal.Gateway.Store.ListRefundsAsync(orderId, 10));
        Assert.Equal(("REFUNDED", 9900L, "manager"), (refund.Status, refund.AmountMinor, refund.Operator));
    }

    [Fact]
    public async Task Keys_then_scan_and_pay_end_in_paid_and_busBytes_counts_the_bus()
    {
        long busBefore = (await State()).GetProperty("busBytes").GetInt64();
        var keys = await _http.PostAsJsonAsync("/api/keys", new { keys = "12500D" });
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        _terminal.WaitForScreen("qr");
        var s = await State();
        Assert.Equal(12500, s.GetProperty("amountMinor").GetInt64());
        Assert.StartsWith("SIM-0001-", s.GetProperty("orderId").GetString());
        Assert.True(s.GetProperty("busBytes").GetInt64() > busBefore);

        var pay = JsonDocument.Parse(await (await _http.PostAsync("/api/phone/scan-and-pay", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(pay.GetProperty("paid").GetBoolean());
        _terminal.WaitForScreen("paid");
        Assert.Equal("paid", (await State()).GetProperty("screen").GetString());
    }

    [Fact]
    public async Task Screen_png_is_the_panel_scaled_up()
    {
        var response = await _http.GetAsync("/api/screen.png");
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        byte[] png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray());
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal((128 * VirtualTerminalHost.ScreenPngScale, 64 * VirtualTerminalHost.ScreenPngScale), (width, height));
    }

    [Theory]
    [InlineData("{\"keys\": \"12X\"}")]
    [InlineData("{\"key\": \"12\"}")]
    [InlineData("not json")]
    public async Task Bad_key_requests_get_a_400_with_a_reason_and_press_nothing(string body)
    {
        var response = await _http.PostAsync("/api/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await State()).GetProperty("amountMinor").GetInt64());
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"x\"")]
    [InlineData("null")]
    [InlineData("{\"keys\": \"\\ud800\"}")]
    [InlineData("{\"keys\": 12}")]
    public async Task Malformed_key_bodies_get_a_400_with_a_reason_not_a_500(string body)
    {
        var response = await _http.PostAsync("/api/keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string reason = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
        Assert.NotEmpty(reason);
        Assert.Equal(0, (await State()).GetProperty("amountMinor").GetInt64());
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_gets_a_400()
    {
        byte[] body = [(byte)'{', (byte)'"', (byte)'k', (byte)'e', (byte)'y', (byte)'s', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await _http.PostAsync("/api/keys", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task More_keys_than_one_request_may_press_are_refused_before_any_is_pressed()
    {
        string keys = new string('1', VirtualTerminalHost.MaxKeysPerRequest + 1);
        var response = await _http.PostAsJsonAsync("/api/keys", new { keys });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most " + VirtualTerminalHost.MaxKeysPerRequest, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await State()).GetProperty("amountMinor").GetInt64());
    }

    [Fact]
    public async Task Parallel_key_requests_take_turns_and_leave_the_keypad_working()
    {
        // Before, two scripts typing at once held keys together (ghost chords) and jammed the keypad.
        var posts = Enumerable.Range(0, 4).Select(_ => _http.PostAsJsonAsync("/api/keys", new { keys = "1" })).ToArray();
        foreach (var response in await Task.WhenAll(posts)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1111, (await State()).GetProperty("amountMinor").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/keys", new { keys = "B" })).StatusCode);
        Assert.Equal(111, (await State()).GetProperty("amountMinor").GetInt64());
    }

    [Fact]
    public async Task Typing_stops_when_the_caller_gives_up()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _terminal.PressKeys("123", cancelled.Token));
        Assert.Equal(0, (await State()).GetProperty("amountMinor").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await _http.PostAsJsonAsync("/api/keys", new { keys = "5" })).StatusCode);
        Assert.Equal(5, (await State()).GetProperty("amountMinor").GetInt64());
    }

    [Fact]
    public async Task Scan_and_pay_without_a_code_on_the_panel_reports_no_payment()
    {
        var pay = JsonDocument.Parse(await (await _http.PostAsync("/api/phone/scan-and-pay", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.False(pay.GetProperty("paid").GetBoolean());
        Assert.Equal("amount", (await State()).GetProperty("screen").GetString());
    }

    [Fact]
    public async Task The_page_is_served_with_the_keypad_and_the_phone()
    {
        string html = await _http.GetStringAsync("/");
        Assert.Contains("data-key=\"D\"", html);
        Assert.Contains("/api/phone/scan-and-pay", html);
    }
}
