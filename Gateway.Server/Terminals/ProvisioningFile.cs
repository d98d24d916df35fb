using Terminal.Config;

namespace Gateway.Server.Terminals;

/// <summary>
/// Writes terminal.cfg for a newly registered (or re-keyed) terminal, in the format of
/// hardware-notes/provisioning.md, and checks it with the firmware's own parser before anyone deploys it.
/// </summary>
public static class ProvisioningFile
{
    /// <summary>What the technician fills in or the command line gives; the key comes from the registry.</summary>
    public sealed record Settings(
        string GatewayUrl,
        string WifiSsid = "CHANGE-ME",
        string WifiPassword = "",
        string PanelController = "ssd1306",
        string Currency = "NOK",
        string Language = "nb");

    /// <summary>Throws ArgumentException (naming the bad line) if a file with these settings would not parse.</summary>
    public static void Validate(string terminalId, Settings settings) => Text(terminalId, new byte[TerminalRegistry.KeyBytes], settings);

    public static string Text(string terminalId, byte[] key, Settings settings)
    {
        string text = string.Join("\n",
            "# terminal.cfg for " + terminalId + " written by Gateway.Server. It holds the terminal's secret key:",
            "# deploy it (hardware-notes/provisioning.md), then delete this copy.",
            TerminalConfig.KeyWifiSsid + "=" + settings.WifiSsid,
            TerminalConfig.KeyWifiPassword + "=" + settings.WifiPassword,
            TerminalConfig.KeyGatewayUrl + "=" + settings.GatewayUrl,
            TerminalConfig.KeyTerminalId + "=" + terminalId,
            TerminalConfig.KeyTerminalKey + "=hex:" + Convert.ToHexStringLower(key),
            "# " + TerminalConfig.KeyTechnicianPin + "=<4-8 digits agreed for this device; without it the technician menu stays locked>",
            TerminalConfig.KeyLanguage + "=" + settings.Language,
            TerminalConfig.KeyCurrency + "=" + settings.Currency,
            TerminalConfig.KeyPanelController + "=" + settings.PanelController) + "\n";
        if (TerminalConfig.Parse(text, out ConfigError error) == null)
            throw new ArgumentException("the provisioning file would not parse on the terminal: " + error);
        return text;
    }
}
