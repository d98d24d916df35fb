using System.Diagnostics;
using System.Text;
using Gateway.Server;
using Gateway.Server.Load;
using Gateway.Server.Merchant;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Terminal.Config;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Host;
using Xunit;

namespace Terminal.Tests.GatewayServer;

/// <summary>
/// The gateway server's own promises over real loopback HTTP: terminals provisioned by its command, keys
/// encrypted at rest, rotation with a grace period, disabling, replay protection, long polls woken across
/// instances. The firmware's view of the protocol is tested in Terminal.Tests/Gateway against this server.
/// </summary>
public class GatewayServerTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(200 - i)).ToArray();

    [Fact]
    public async Task Terminals_add_writes_a_file_the_firmware_accepts_and_sells_with()
    {
        await using var rig = new ServerRig(postgres: false);
        string file = Path.Combine(rig.Folder, "terminal.cfg");
        Directory.CreateDirectory(rig.Folder);
        int exit = await Program.Main(new[] { "terminals", "add", "SHOP-01", "--out", file, "--wifi", "Butikk", "--Gateway:DataDirectory=" + rig.Folder });
        Assert.Equal(0, exit);
        Assert.Equal(0, Terminal.Simulator.Program.CheckConfig(file));
        GatewayHost host = await rig.StartAsync();

        TerminalConfig config = TerminalConfig.Parse(File.ReadAllText(file), out ConfigError error)!;
        Assert.True(config != null, error?.ToString());
        using var transport = new HttpClientTransport(host.BaseUrl);
        var client = new GatewayClient(new GatewayConfig { TerminalId = config.TerminalIdText, Key = config.TerminalKeyBytes },
            transport, new SystemWallClock(), new SystemClock(), new Random(1));
        var reply = new GatewayReply();
        client.Ping(reply);
        Assert.Equal(GatewayOutcome.Ok, reply.Outcome);
        Assert.Equal(FirmwareInfo.Version, (await host.Store.FindTerminalAsync("SHOP-01"))!.FirmwareVersion);

        client.CreateOrder("SHOP-01-0000000000000001-1", 4900, "NOK", 120, reply);
        Assert.Equal(GatewayOutcome.Pending, reply.Outcome);
        Assert.Equal(200, await ProtocolClient.PayAsync(rig.Http, host.BaseUrl, reply.CodeText));
        client.WaitForOutcome("SHOP-01-0000000000000001-1", 4900, "NOK", 1000, reply);
        Assert.Equal(GatewayOutcome.Paid, reply.Outcome);
    }

    [Fact]
    public async Task The_simulator_sells_against_the_server_with_the_file_terminals_add_wrote()
    {
        await using var rig = new ServerRig(postgres: false);
        GatewayHost host = await rig.StartAsync();
        string file = Path.Combine(rig.Folder, "sim.cfg");
        Assert.Equal(0, await Program.Main(new[] { "terminals", "add", "SIM-SHOP-01", "--out", file, "--wifi", "Butikk",
            "--gateway-url", host.BaseUrl, "--Gateway:DataDirectory=" + rig.Folder }));

        using var terminal = Terminal.Simulator.VirtualTerminal.Start(new Terminal.Simulator.VirtualTerminalOptions
        {
            ProvisioningFileText = File.ReadAllText(file), PaidAcknowledgeGuardMs = 0, WaitHoldMs = 1000,
        });
        terminal.WaitForScreen("amount");
        terminal.PressKeys("12500D");
        terminal.WaitForScreen("qr");
        string orderId = terminal.State().OrderId!;
        var paid = terminal.ScanAndPay();
        Assert.True(paid.Paid, paid.Error);
        terminal.WaitForScreen("paid");

        StoredOrder order = host.FindOrder(orderId)!;
        Assert.Equal(("SIM-SHOP-01", OrderStatus.Paid, 12500L, "NOK", paid.Code), (order.TerminalId, order.Status, order.AmountMinor, order.Currency, (string?)order.Code));
        Assert.Equal(host.BaseUrl, terminal.State().Gateway);
    }

    [Fact]
    public async Task Terminals_add_refuses_a_bad_id_and_a_taken_one_with_a_clear_error()
    {
        await using var rig = new ServerRig(postgres: false);
        Directory.CreateDirectory(rig.Folder);
        string dir = "--Gateway:DataDirectory=" + rig.Folder;
        Assert.Equal(0, await Program.Main(new[] { "terminals", "add", "SHOP-02", "--out", Path.Combine(rig.Folder, "a.cfg"), dir }));
        Assert.Equal(1, await Program.Main(new[] { "terminals", "add", "SHOP-02", "--out", Path.Combine(rig.Folder, "b.cfg"), dir }));
        Assert.Equal(1, await Program.Main(new[] { "terminals", "add", "SHOP 02!", "--out", Path.Combine(rig.Folder, "c.cfg"), dir }));
        Assert.False(File.Exists(Path.Combine(rig.Folder, "b.cfg")));
        // A bad setting for the file is refused before the terminal is registered (no key made and lost).
        Assert.Equal(1, await Program.Main(new[] { "terminals", "add", "SHOP-09", "--panel", "lcd", "--out", Path.Combine(rig.Folder, "d.cfg"), dir }));
        Assert.Equal(0, await Program.Main(new[] { "terminals", "add", "SHOP-09", "--out", Path.Combine(rig.Folder, "d.cfg"), dir }));
    }

    [Fact]
    public async Task Keys_are_stored_encrypted_never_in_the_clear()
    {
        await using var rig = new ServerRig(postgres: false);
        GatewayHost host = await rig.StartAsync();
        host.ProvisionTerminal("SHOP-03", Key);
        Assert.Equal(200, (await rig.Client(host, "SHOP-03", Key).PingAsync()).Status);
        await host.DisposeAsync();
        rig.Hosts.Clear();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        byte[] database = Directory.GetFiles(rig.Folder, "gateway.db*").SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(database.Length > 0);
        Assert.Equal(-1, database.AsSpan().IndexOf(Key));
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Key))));
        Assert.Equal(-1, database.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Convert.ToBase64String(Key))));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(rig.Folder, "keys"), "key-*.xml"));
    }

    [Fact]
    public async Task A_rotated_key_works_for_the_grace_period_then_only_the_new_one()
    {
        await using var rig = new ServerRig(postgres: false);
        var clock = new FakeWallClock(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        GatewayHost host = await rig.StartAsync(clock, graceSeconds: 60);
        host.ProvisionTerminal("SHOP-04", Key);
        byte[] newKey = await host.Terminals.RotateAsync("SHOP-04");

        ProtocolClient.Answer old = await rig.Client(host, "SHOP-04", Key).PingAsync();
        ProtocolClient.Answer fresh = await rig.Client(host, "SHOP-04", newKey).PingAsync();
        Assert.Equal((200, true), (old.Status, old.SignatureValid)); // answered in the key the terminal holds
        Assert.Equal((200, true), (fresh.Status, fresh.SignatureValid));

        clock.Advance(61);
        ProtocolClient.Answer late = await rig.Client(host, "SHOP-04", Key).SendAsync(GatewayPaths.Ping, "{}", timestampUnix: clock.UnixSeconds);
        Assert.Equal((401, ProtocolErrors.BadSignature), (late.Status, late.Error));
        Assert.Equal(200, (await rig.Client(host, "SHOP-04", newKey).SendAsync(GatewayPaths.Ping, "{}", timestampUnix: clock.UnixSeconds)).Status);
    }

    [Fact]
    public async Task A_disabled_terminal_is_refused_at_once_and_an_enabled_one_works_again()
    {
        await using var rig = new ServerRig(postgres: false);
        GatewayHost host = await rig.StartAsync();
        host.ProvisionTerminal("SHOP-05", Key);
        ProtocolClient client = rig.Client(host, "SHOP-05", Key);
        Assert.Equal(200, (await client.PingAsync()).Status);
        await host.Terminals.SetDisabledAsync("SHOP-05", true);
        ProtocolClient.Answer refused = await client.CreateAsync("SHOP-05-x-1", 100, "NOK", 60);
        Assert.Equal((401, ProtocolErrors.TerminalDisabled, true), (refused.Status, refused.Error, refused.SignatureValid));
        Assert.Null(host.FindOrder("SHOP-05-x-1"));
        await host.Terminals.SetDisabledAsync("SHOP-05", false);
        Assert.Equal(200, (await client.CreateAsync("SHOP-05-x-1", 100, "NOK", 60)).Status);
    }

    [Fact]
    public async Task Stale_timestamps_replayed_nonces_and_strangers_are_refused()
    {
        await using var rig = new ServerRig(postgres: false);
        GatewayHost host = await rig.StartAsync();
        host.ProvisionTerminal("SHOP-06", Key);
        ProtocolClient client = rig.Client(host, "SHOP-06", Key);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.Equal(200, (await client.SendAsync(GatewayPaths.Ping, "{}", nonce: "0123456789abcdef")).Status);
        Assert.Equal(ProtocolErrors.Replayed, (await client.SendAsync(GatewayPaths.Ping, "{}", nonce: "0123456789abcdef")).Error);
        Assert.Equal(ProtocolErrors.StaleTimestamp, (await client.SendAsync(GatewayPaths.Ping, "{}", timestampUnix: now - 301)).Error);
        ProtocolClient.Answer stranger = await rig.Client(host, "NOBODY", Key).PingAsync();
        Assert.Equal((401, ProtocolErrors.UnknownTerminal, false), (stranger.Status, stranger.Error, stranger.SignatureValid));
    }

    [Fact]
    public async Task Password_guessing_on_the_merchant_login_is_cut_off()
    {
        await using var rig = new ServerRig(postgres: false);
        GatewayHost host = await rig.StartAsync();
        await host.Merchant.SetPasswordAsync("correct-horse-42");
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false });
        string form = await browser.GetStringAsync(host.BaseUrl + "/merchant/login");
        string token = System.Text.RegularExpressions.Regex.Match(form, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        async Task<int> Login(string password, string csrf)
        {
            using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = csrf, ["password"] = password });
            using HttpResponseMessage response = await browser.PostAsync(host.BaseUrl + "/merchant/login", body);
            return (int)response.StatusCode;
        }

        Assert.Equal(400, await Login("correct-horse-42", "forged")); // no valid CSRF token: refused before the password is looked at
        for (int attempt = 2; attempt <= MerchantPage.LoginAttemptsPerMinute; attempt++)
            Assert.Equal(401, await Login("guess-" + attempt, token));
        Assert.Equal(429, await Login("correct-horse-42", token)); // even the right one, until the minute is over
    }

    [Fact]
    public async Task The_ledger_survives_a_restart_of_the_server_on_the_same_file()
    {
        await using var rig = new ServerRig(postgres: false);
        GatewayHost first = await rig.StartAsync();
        first.ProvisionTerminal("SHOP-07", Key);
        ProtocolClient.Answer created = await rig.Client(first, "SHOP-07", Key).CreateAsync("SHOP-07-r-1", 700, "SEK", 120);
        await first.DisposeAsync();
        GatewayHost second = await rig.StartAsync();
        Assert.Equal(200, await ProtocolClient.PayAsync(rig.Http, second.BaseUrl, created.Code!));
        Assert.Equal(OrderStatus.Paid, (await rig.Client(second, "SHOP-07", Key).QueryAsync("SHOP-07-r-1")).OrderStatus);
    }

    [Fact]
    public async Task Long_polls_on_settled_or_unknown_orders_leave_no_signal_behind()
    {
        await using var rig = new ServerRig(postgres: false);
        GatewayHost host = await rig.StartAsync();
        host.ProvisionTerminal("SHOP-20", Key);
        ProtocolClient client = rig.Client(host, "SHOP-20", Key);
        ProtocolClient.Answer created = await client.CreateAsync("SHOP-20-s-1", 12500, "NOK", 120);
        Assert.Equal(200, await ProtocolClient.PayAsync(rig.Http, host.BaseUrl, created.Code!));

        for (int i = 0; i < 5; i++) Assert.Equal(OrderStatus.Paid, (await client.WaitAsync("SHOP-20-s-1", 20_000)).OrderStatus);
        Assert.Equal(404, (await client.WaitAsync("SHOP-20-never", 20_000)).Status);

        Assert.Equal(0, host.OrdersWatched);
    }
}

/// <summary>Two gateway instances on one PostgreSQL database, as a merchant with many shops runs them.</summary>
public class MultiInstanceTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 3 + 1)).ToArray();

    [Fact]
    public async Task A_payment_on_one_instance_wakes_a_long_poll_held_by_the_other_at_once()
    {
        await using var rig = new ServerRig(postgres: true);
        GatewayHost a = await rig.StartAsync();
        GatewayHost b = await rig.StartAsync();
        a.ProvisionTerminal("SHOP-11", Key);
        ProtocolClient.Answer created = await rig.Client(a, "SHOP-11", Key).CreateAsync("SHOP-11-w-1", 12500, "NOK", 120);

        Task<ProtocolClient.Answer> wait = rig.Client(b, "SHOP-11", Key).WaitAsync("SHOP-11-w-1", 20_000);
        Assert.True(SpinWait.SpinUntil(() => b.ActiveWaits == 1, 10_000), "the long poll never reached instance B");
        var paidAt = Stopwatch.StartNew();
        Assert.Equal(200, await ProtocolClient.PayAsync(rig.Http, a.BaseUrl, created.Code!));
        ProtocolClient.Answer answer = await wait;
        double ms = paidAt.Elapsed.TotalMilliseconds;

        Assert.Equal((200, OrderStatus.Paid, true), (answer.Status, answer.OrderStatus, answer.SignatureValid));
        Assert.True(ms < 5_000, $"PAID reached the other instance after {ms:F0} ms: woken by a timer, not by NOTIFY");
    }

    [Fact]
    public async Task A_nonce_used_on_one_instance_is_replayed_on_the_other()
    {
        await using var rig = new ServerRig(postgres: true);
        GatewayHost a = await rig.StartAsync();
        GatewayHost b = await rig.StartAsync();
        a.ProvisionTerminal("SHOP-12", Key);
        Assert.Equal(200, (await rig.Client(a, "SHOP-12", Key).SendAsync(GatewayPaths.Ping, "{}", nonce: "fedcba9876543210")).Status);
        Assert.Equal(ProtocolErrors.Replayed, (await rig.Client(b, "SHOP-12", Key).SendAsync(GatewayPaths.Ping, "{}", nonce: "fedcba9876543210")).Error);
    }

    [Fact]
    public async Task Concurrent_payments_of_one_code_through_two_instances_pay_once()
    {
        await using var rig = new ServerRig(postgres: true);
        GatewayHost a = await rig.StartAsync();
        GatewayHost b = await rig.StartAsync();
        a.ProvisionTerminal("SHOP-13", Key);
        ProtocolClient.Answer created = await rig.Client(a, "SHOP-13", Key).CreateAsync("SHOP-13-p-1", 500, "EUR", 120);
        int[] statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            ProtocolClient.PayAsync(rig.Http, (i % 2 == 0 ? a : b).BaseUrl, created.Code!)));
        Assert.Single(statuses, s => s == 200);
        Assert.All(statuses.Where(s => s != 200), s => Assert.Equal(409, s));
        Assert.Equal(1, a.FindOrder("SHOP-13-p-1")!.Payments);
    }
}
