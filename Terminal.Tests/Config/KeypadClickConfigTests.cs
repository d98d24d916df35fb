using Terminal.Config;
using Xunit;

namespace Terminal.Tests.Config;

/// <summary>The merchant's switch for the key click (keypad.click in terminal.cfg).</summary>
public class KeypadClickConfigTests
{
    private const string Minimal =
        "wifi.ssid=Butikk\ngateway.url=https://pay.example.no\nterminal.id=BRG-003\n" +
        "terminal.key=hex:00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef\npanel.controller=sh1106\n";

    [Theory]
    [InlineData("", true)]
    [InlineData("keypad.click=on\n", true)]
    [InlineData("keypad.click=OFF\n", false)]
    public void Key_clicks_are_on_unless_the_file_switches_them_off(string line, bool clicks)
    {
        TerminalConfig? config = TerminalConfig.Parse(Minimal + line, out ConfigError error);
        Assert.True(config != null, error?.ToString());
        Assert.Equal(clicks, config!.KeyClicks);
        Assert.Contains("keypad.click=" + (clicks ? "on" : "off") + "\n", config.ToProvisioningText());
    }

    [Fact]
    public void Another_value_is_refused_naming_the_line_and_the_choices()
    {
        Assert.Null(TerminalConfig.Parse(Minimal + "keypad.click=quiet\n", out ConfigError error));
        Assert.Equal(TerminalConfig.KeyKeypadClick, error.Key);
        Assert.Contains("on or off, got 'quiet'", error.ToString());
    }
}
