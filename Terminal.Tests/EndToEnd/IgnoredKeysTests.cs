using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Terminal.Simulator;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>POST /api/keys says which keys the firmware ignored, so a script sees that PAID was not acknowledged.</summary>
public sealed class IgnoredKeysTests : IDisposable
{
    private readonly VirtualTerminal _terminal;
    private readonly Microsoft.AspNetCore.Builder.WebApplication _web;
    private readonly HttpClient _http;

    public IgnoredKeysTests()
    {
        // A guard time no test outlasts: OK and Cancel on PAID are ignored for the whole test.
        _terminal = VirtualTerminal.Start(new VirtualTerminalOptions { TechnicianPin = "2468", PaidAcknowledgeGuardMs = 600_000, WaitHoldMs = 1000 });
        _web = VirtualTerminalHost.Build(_terminal, 0);
        _web.Start();
        _http = new HttpClient { BaseAddress = new Uri(VirtualTerminalHost.BoundUrl(_web)) };
        _terminal.WaitForScreen("amount");
    }

    public void Dispose()
    {
        _http.Dispose();
        _web.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_web).Dispose();
        _terminal.Dispose();
    }

    private async Task<JsonElement> Keys(string keys)
    {
        var response = await _http.PostAsJsonAsync("/api/keys", new { keys });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task Keys_the_firmware_acts_on_are_not_reported_but_OK_inside_PAIDs_guard_time_is()
    {
        var typed = await Keys("12500");
        Assert.Equal("", typed.GetProperty("ignored").GetString());
        Assert.Equal("", (await Keys("D")).GetProperty("ignored").GetString());
        _terminal.WaitForScreen("qr");
        Assert.True(_terminal.ScanAndPay().Paid);
        _terminal.WaitForScreen("paid");

        var answer = await Keys("AD");
        Assert.Equal("AD", answer.GetProperty("ignored").GetString());
        Assert.Equal("paid", answer.GetProperty("screen").GetString());
    }
}
