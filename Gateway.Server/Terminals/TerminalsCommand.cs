using Gateway.Server.Merchant;
using Gateway.Server.Storage;
using Terminal.Drivers.Timing;

namespace Gateway.Server.Terminals;

/// <summary>
/// The administrator's commands: terminals add/rotate/disable/enable/list and merchant password. They open
/// the same store and key ring as the server (it may be running: SQLite waits for its lock, PostgreSQL is shared).
/// </summary>
public static class TerminalsCommand
{
    public static async Task<int> RunAsync(string[] args, GatewayServerOptions options)
    {
        if (args.Length == 0) return GatewayCommandLine.Usage("terminals: add, rotate, disable, enable or list");
        await using IGatewayStore store = GatewayHost.OpenStore(options, _ => { });
        await store.MigrateAsync();
        var registry = new TerminalRegistry(store, new TerminalKeyProtector(TerminalKeyProtector.CreateProvider(options)),
            new SystemWallClock(), options.KeyRotationGraceSeconds);
        string verb = args[0];
        if (verb == "list")
        {
            foreach (StoredTerminal t in await store.ListTerminalsAsync())
                Console.WriteLine($"{t.TerminalId}\t{(t.Disabled ? "disabled" : "active")}\tlast contact {(t.LastContactUnix is long c ? OrderReport.Utc(c) : "never")}\tfirmware {t.FirmwareVersion ?? "-"}");
            return 0;
        }
        if (args.Length < 2) return GatewayCommandLine.Usage($"terminals {verb}: which terminal?");
        string terminalId = args[1];
        switch (verb)
        {
            case "add":
            case "rotate":
            {
                string file = GatewayCommandLine.Option(args, "--out") ?? terminalId + ".cfg";
                var settings = new ProvisioningFile.Settings(
                    GatewayUrl: GatewayCommandLine.Option(args, "--gateway-url") ?? options.PublicUrl ?? options.Urls.Split(';')[0],
                    WifiSsid: GatewayCommandLine.Option(args, "--wifi") ?? "CHANGE-ME",
                    PanelController: GatewayCommandLine.Option(args, "--panel") ?? "ssd1306");
                ProvisioningFile.Validate(terminalId, settings); // before the key changes: a bad --panel must not cost the terminal its key
                byte[] key = verb == "add" ? await registry.AddAsync(terminalId) : await registry.RotateAsync(terminalId);
                string text = ProvisioningFile.Text(terminalId, key, settings);
                await File.WriteAllTextAsync(file, text);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Console.WriteLine(verb == "add"
                    ? $"terminal {terminalId} registered; provisioning file {file} (it holds the key: deploy it, then delete it)"
                    : $"terminal {terminalId} has a new key in {file}; the old key works for {options.KeyRotationGraceSeconds / 3600} more hours");
                if (settings.WifiSsid == "CHANGE-ME") Console.WriteLine("fill in wifi.ssid (and wifi.password) before deploying; check with: dotnet run --project Terminal.Simulator -- check-config " + file);
                return 0;
            }
            case "disable":
            case "enable":
                await registry.SetDisabledAsync(terminalId, verb == "disable");
                Console.WriteLine($"terminal {terminalId} {verb}d");
                return 0;
            default:
                return GatewayCommandLine.Usage("terminals: unknown verb " + verb);
        }
    }

    public static async Task<int> MerchantAsync(string[] args, GatewayServerOptions options)
    {
        if (args.Length != 1 || args[0] != "password") return GatewayCommandLine.Usage("merchant: password");
        Console.Error.WriteLine($"new merchant password (at least {MerchantAccount.MinPasswordChars} characters), then Enter:");
        string password = Console.ReadLine()?.Trim() ?? "";
        await using IGatewayStore store = GatewayHost.OpenStore(options, _ => { });
        await store.MigrateAsync();
        await new MerchantAccount(store).SetPasswordAsync(password);
        Console.WriteLine("merchant password set");
        return 0;
    }
}
