using CsCheck;
using Terminal.Config;
using Terminal.Diagnostics;
using Xunit;

namespace Terminal.Tests.Config;

public class TerminalConfigTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string KeyHex = "00112233445566778899aabbccddeeff0123456789abcdef0123456789abcdef";

    /// <summary>A complete, valid file; tests replace or drop single lines of it.</summary>
    private static readonly string[] GoodLines =
    {
        "# Kiosk 3, Bryggen",
        "wifi.ssid=Butikk-Gjest",
        "wifi.password=hemmelig-passord",
        "gateway.url=https://pay.example.no/terminal/v1",
        "terminal.id=BRG-003",
        "terminal.key=hex:" + KeyHex,
        "technician.pin=48213",
        "language=en",
        "currency=NOK",
        "panel.controller=sh1106",
        "panel.address=0x3D",
        "paid.timeout.s=0",
        "order.expiry.s=300",
    };

    private static string File(params string[] lines) => string.Join("\n", lines) + "\n";

    private static string GoodFileWith(string key, string? line)
    {
        var lines = GoodLines.Select(l => l.StartsWith(key + "=") ? line : l).Where(l => l != null).Cast<string>();
        return File(lines.ToArray());
    }

    private static ConfigError Reject(string text)
    {
        TerminalConfig config = TerminalConfig.Parse(text, out ConfigError error);
        Assert.Null(config);
        Assert.NotNull(error);
        return error;
    }

    private static TerminalConfig Accept(string text)
    {
        TerminalConfig config = TerminalConfig.Parse(text, out ConfigError error);
        Assert.True(config != null, error?.ToString());
        Assert.Null(error);
        return config!;
    }

    [Fact]
    public void A_complete_file_gives_every_field()
    {
        TerminalConfig c = Accept(File(GoodLines));
        Assert.Equal("Butikk-Gjest", c.WifiSsidText);
        Assert.Equal("hemmelig-passord", c.WifiPasswordText);
        Assert.Equal("https://pay.example.no/terminal/v1", c.GatewayBaseUrl);
        Assert.Equal("BRG-003", c.TerminalIdText);
        Assert.Equal(Convert.FromHexString(KeyHex), c.TerminalKeyBytes);
        Assert.True(c.HasTechnicianPin);
        Assert.True(c.TechnicianPinMatches("48213"));
        Assert.False(c.TechnicianPinMatches("48214"));
        Assert.False(c.TechnicianPinMatches("4821"));
        Assert.False(c.TechnicianPinMatches("482130"));
        Assert.Equal(Terminal.Language.English, c.LanguageCode);
        Assert.Equal("NOK", c.CurrencyCode);
        Assert.Equal(Terminal.Drivers.Display.PanelController.Sh1106, c.PanelControllerCode);
        Assert.Equal(0x3D, c.PanelI2cAddress);
        Assert.Equal(0, c.PaidScreenTimeoutSeconds);
        Assert.Equal(300, c.OrderExpirySeconds);
    }

    [Fact]
    public void The_example_file_in_the_hardware_notes_is_valid()
    {
        string text = System.IO.File.ReadAllText(RepoPaths.Combine("hardware-notes", "terminal.cfg.example"));
        TerminalConfig c = Accept(text);
        Assert.Equal(Terminal.Drivers.Display.PanelController.Sh1106, c.PanelControllerCode);
        Assert.True(c.HasTechnicianPin);
    }

    [Theory]
    [InlineData("NOK")]
    [InlineData("SEK")]
    [InlineData("DKK")]
    [InlineData("EUR")]
    [InlineData("ISK")]
    public void Each_known_currency_is_the_one_the_terminal_charges_in(string code)
    {
        TerminalConfig c = Accept(GoodFileWith("currency", "currency=" + code));
        Assert.Equal(code, Terminal.App.PaymentTerminal.SettingsFrom(c).Currency.Code);
    }

    [Theory]
    [InlineData("T1")]
    [InlineData("SHOP-01")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWX")]
    public void Terminal_ids_the_protocol_allows_are_accepted(string id)
    {
        Assert.Equal(id, Accept(GoodFileWith("terminal.id", "terminal.id=" + id)).TerminalIdText);
    }

    [Fact]
    public void Optional_keys_fall_back_to_documented_defaults()
    {
        TerminalConfig c = Accept(File(
            "wifi.ssid=Butikk", "gateway.url=https://pay.example.no", "terminal.id=T1",
            "terminal.key=base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", "panel.controller=ssd1306"));
        Assert.Equal("", c.WifiPasswordText);
        Assert.Equal(Terminal.Language.Norwegian, c.LanguageCode);
        Assert.Equal("NOK", c.CurrencyCode);
        Assert.Equal(PinMap.PanelI2cAddress, c.PanelI2cAddress);
        Assert.Equal(0, c.PaidScreenTimeoutSeconds);
        Assert.Equal(TerminalConfig.DefaultOrderExpirySeconds, c.OrderExpirySeconds);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), c.TerminalKeyBytes);
    }

    [Fact]
    public void Without_a_pin_the_technician_menu_stays_locked()
    {
        TerminalConfig c = Accept(GoodFileWith("technician.pin", null));
        Assert.False(c.HasTechnicianPin);
        Assert.False(c.TechnicianPinMatches(""));
        Assert.False(c.TechnicianPinMatches("0000"));
        Assert.Contains("technician menu locked", c.ToProvisioningText());
    }

    [Theory]
    [InlineData("wifi.ssid")]
    [InlineData("gateway.url")]
    [InlineData("terminal.id")]
    [InlineData("terminal.key")]
    [InlineData("panel.controller")]
    public void A_missing_required_key_is_named(string key)
    {
        ConfigError e = Reject(GoodFileWith(key, null));
        Assert.Equal(0, e.Line);
        Assert.Equal(key, e.Key);
        Assert.Equal(key + ": missing; this key is required", e.ToString());
    }

    [Theory]
    [InlineData("hex:00112233445566778899aabbccddeefg", "not valid hex: digit 32 is not 0-9 or A-F")]
    [InlineData("hex:0011223344556677889", "not valid hex: an odd number of digits (19)")]
    [InlineData("hex:00112233", "the key must have 32 bytes as the gateway issues it, got 4")]
    [InlineData("hex:000102030405060708090a0b0c0d0e0f101112131415161718191a", "the key must have 32 bytes as the gateway issues it, got 27")]
    [InlineData("base64:AAECAwQFBgcICQoLDA0ODw==", "the key must have 32 bytes as the gateway issues it, got 16")]
    [InlineData("base64:AAECAwQFBgcICQoLDA0ODw=", "not valid base64: the length must be a multiple of 4, got 23")]
    [InlineData("base64:AAECAwQFBgcICQoLDA0OD*==", "not valid base64: character 22 is not A-Z, a-z, 0-9, + or /")]
    [InlineData("00112233445566778899aabbccddeeff", "write the key as hex:<hex digits> or base64:<base64 text>")]
    public void A_bad_key_is_reported_on_its_line_without_the_key_material(string value, string message)
    {
        ConfigError e = Reject(GoodFileWith("terminal.key", "terminal.key=" + value));
        Assert.Equal(6, e.Line);
        Assert.Equal("terminal.key", e.Key);
        Assert.Equal(message, e.Message);
        Assert.DoesNotContain(value.Substring(value.IndexOf(':') + 1, 8), e.ToString());
    }

    [Theory]
    [InlineData("pay.example.no", "must start with https:// (got no or another scheme)")]
    [InlineData("ftp://pay.example.no", "must start with https:// (got no or another scheme)")]
    [InlineData("https://", "no host name")]
    [InlineData("https://pay example.no", "contains a space or a character that is not printable ASCII (position 12)")]
    [InlineData("https://user:pw@pay.example.no", "no user name or password in the URL; the terminal signs its requests with terminal.key")]
    [InlineData("https://pay.example.no:0/v1", "the port must be a number 1-65535")]
    [InlineData("https://pay.example.no:70000", "the port must be a number 1-65535")]
    [InlineData("https://pay_example.no", "the host name may contain only letters, digits, '-' and '.'")]
    [InlineData("https://pay.example.no/v1?x=1", "a base URL has no query (?) or fragment (#)")]
    public void A_bad_gateway_url_is_rejected(string url, string message)
    {
        ConfigError e = Reject(GoodFileWith("gateway.url", "gateway.url=" + url));
        Assert.Equal(4, e.Line);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("http://pay.example.no")]
    [InlineData("http://127.0.0.1.evil.example")]
    [InlineData("http://128.0.0.1:8080")]
    [InlineData("http://localhost.example.no")]
    public void Clear_text_http_is_refused_unless_the_host_is_loopback(string url)
    {
        ConfigError e = Reject(GoodFileWith("gateway.url", "gateway.url=" + url));
        Assert.Equal("line 4: gateway.url: http:// is allowed only for a loopback host (127.0.0.1, localhost, [::1]); use https://", e.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123")]
    [InlineData("http://localhost:8080/gw/", "http://localhost:8080/gw")]
    [InlineData("http://[::1]:9000", "http://[::1]:9000")]
    [InlineData("HTTPS://Pay.Example.no:8443/terminal//", "HTTPS://Pay.Example.no:8443/terminal")]
    public void Https_anywhere_and_http_on_loopback_are_accepted(string url, string stored)
    {
        Assert.Equal(stored, Accept(GoodFileWith("gateway.url", "gateway.url=" + url)).GatewayBaseUrl);
    }

    [Theory]
    [InlineData("", "empty; give 4-8 digits, or remove the line to keep the technician menu locked")]
    [InlineData("482", "too short: at least 4 digits")]
    [InlineData("482139571", "too long: at most 8 digits")]
    [InlineData("48a1", "digits only (the keypad has no letters for a PIN)")]
    [InlineData("0000", "too easy to guess (all one digit or a run like 1234); choose another")]
    [InlineData("123456", "too easy to guess (all one digit or a run like 1234); choose another")]
    public void A_bad_pin_is_rejected_without_echoing_it(string pin, string message)
    {
        ConfigError e = Reject(GoodFileWith("technician.pin", "technician.pin=" + pin));
        Assert.Equal(7, e.Line);
        Assert.Equal(message, e.Message);
        if (pin.Length > 0) Assert.DoesNotContain(pin, e.ToString());
    }

    [Fact]
    public void An_unknown_key_is_reported_with_its_line()
    {
        ConfigError e = Reject(File(GoodLines.Take(3).Concat(new[] { "wifi.pasword=typo-here" }).Concat(GoodLines.Skip(3)).ToArray()));
        Assert.Equal(4, e.Line);
        Assert.Equal("wifi.pasword", e.Key);
        Assert.StartsWith("line 4: wifi.pasword: unknown key", e.ToString());
    }

    [Fact]
    public void A_key_given_twice_is_an_error()
    {
        ConfigError e = Reject(File(GoodLines.Concat(new[] { "terminal.id=OTHER" }).ToArray()));
        Assert.Equal(14, e.Line);
        Assert.Equal("given twice; keep one line per key", e.Message);
    }

    [Fact]
    public void A_line_without_equals_sign_is_an_error()
    {
        ConfigError e = Reject(File(GoodLines.Take(2).Concat(new[] { "hemmelig-passord" }).Concat(GoodLines.Skip(2)).ToArray()));
        Assert.Equal(3, e.Line);
        Assert.Null(e.Key);
        Assert.DoesNotContain("hemmelig", e.ToString());
    }

    [Theory]
    [InlineData("wifi.ssid=", "an SSID has 1-32 bytes, got 0")]
    [InlineData("wifi.ssid=ÆØÅÆØÅÆØÅÆØÅÆØÅÆØÅ", "an SSID has 1-32 bytes, got 36")]
    [InlineData("wifi.password=short", "a WPA2 passphrase has 8-63 characters, got 5 (leave it empty for an open network)")]
    [InlineData("terminal.id=BRG 003", "only letters A-Z, digits and '-' are allowed (position 4)")]
    [InlineData("terminal.id=SHOP.01", "only letters A-Z, digits and '-' are allowed (position 5)")]
    [InlineData("terminal.id=SHOP_01", "only letters A-Z, digits and '-' are allowed (position 5)")]
    [InlineData("terminal.id=ABCDEFGHIJKLMNOPQRSTUVWXY", "a terminal id has 1-24 characters, got 25")]
    [InlineData("language=sv", "use nb (Norwegian) or en (English), got 'sv'")]
    [InlineData("currency=nok", "use one of NOK, SEK, DKK, EUR, ISK (ISO 4217, capital letters), got 'nok'")]
    [InlineData("currency=USD", "use one of NOK, SEK, DKK, EUR, ISK (ISO 4217, capital letters), got 'USD'")]
    [InlineData("currency=CNY", "use one of NOK, SEK, DKK, EUR, ISK (ISO 4217, capital letters), got 'CNY'")]
    [InlineData("currency=XYZ", "use one of NOK, SEK, DKK, EUR, ISK (ISO 4217, capital letters), got 'XYZ'")]
    [InlineData("panel.controller=ssd1309", "use ssd1306 (0.96\" modules) or sh1106 (1.3\" modules), got 'ssd1309'")]
    [InlineData("panel.address=0x3E", "use 0x3C (usual) or 0x3D (SA0 jumper high), got '0x3E'")]
    [InlineData("paid.timeout.s=-5", "whole seconds 0-3600 (0 = until a key is pressed), got '-5'")]
    [InlineData("order.expiry.s=3600", "whole seconds 30-1800, got '3600'")]
    [InlineData("order.expiry.s=2m", "whole seconds 30-1800, got '2m'")]
    public void Every_field_is_checked(string line, string message)
    {
        string key = line.Substring(0, line.IndexOf('='));
        ConfigError e = Reject(GoodFileWith(key, line));
        Assert.Equal(key, e.Key);
        Assert.Equal(message, e.Message);
        Assert.Equal(Array.FindIndex(GoodLines, l => l.StartsWith(key + "=")) + 1, e.Line);
    }

    [Fact]
    public void Windows_line_endings_a_byte_order_mark_comments_and_spaces_are_accepted()
    {
        string text = "\uFEFF# provisioned 2026-11-25\r\n\r\n  wifi.ssid = Butikk \r\n" +
                      "gateway.url=https://pay.example.no\r\nterminal.id=T1\r\n   # a comment\r\n" +
                      "terminal.key = hex:" + KeyHex + "\r\npanel.controller=SH1106";
        TerminalConfig c = Accept(text);
        Assert.Equal("Butikk", c.WifiSsidText);
        Assert.Equal(Terminal.Drivers.Display.PanelController.Sh1106, c.PanelControllerCode);
    }

    [Fact]
    public void An_empty_or_oversized_file_is_refused()
    {
        Assert.Equal("the file is empty", Reject("").Message);
        Assert.Equal("the file is larger than 4096 characters", Reject(File(GoodLines) + new string('#', 4096)).Message);
    }

    [Fact]
    public void The_display_text_masks_every_secret()
    {
        TerminalConfig c = Accept(File(GoodLines));
        string shown = c.ToProvisioningText();
        Assert.DoesNotContain("hemmelig", shown);
        Assert.DoesNotContain(KeyHex.Substring(0, 8), shown);
        Assert.DoesNotContain("48213", shown);
        Assert.Contains("wifi.ssid=Butikk-Gjest\n", shown);
        Assert.Contains("terminal.id=BRG-003\n", shown);
        Assert.Contains("terminal.key=******** (32 bytes, masked)\n", shown);
        Assert.Contains("panel.controller=sh1106\n", shown);
        Assert.Contains("panel.address=0x3D\n", shown);
        Assert.Contains("order.expiry.s=300\n", shown);
        // Masked values must not be mistaken for a usable file.
        Assert.Null(TerminalConfig.Parse(shown, out _));
    }

    [Fact]
    public void Any_text_gives_a_config_or_an_error_and_never_throws()
    {
        string[] keys = TerminalConfig.AllKeys();
        var line = Gen.OneOf(
            Gen.String,
            Gen.Select(Gen.Int[0, keys.Length - 1], Gen.String[0, 70], (k, v) => keys[k] + "=" + v),
            Gen.Int[0, GoodLines.Length - 1].Select(i => GoodLines[i]));
        Property.Check(line.Array[0, 16], lines =>
        {
            TerminalConfig c = TerminalConfig.Parse(string.Join("\n", lines), out ConfigError e);
            Assert.True((c == null) != (e == null));
            if (e != null) Assert.False(string.IsNullOrEmpty(e.Message));
        }, iterations: 3000);
    }

    [Fact]
    public void Parsing_the_example_file_allocates_a_few_kilobytes_once_at_start_up()
    {
        string text = System.IO.File.ReadAllText(RepoPaths.Combine("hardware-notes", "terminal.cfg.example"));
        Accept(text); // warm-up: static tables, JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        TerminalConfig.Parse(text, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine("config.parse allocated " + allocated + " bytes for " + text.Length + " characters");
        // The device parses once at start-up; the bound keeps a careless change (a copy of the file per line) visible.
        Assert.InRange(allocated, 1, 12 * 1024);
    }

    [Fact]
    public void The_provisioning_guide_documents_every_key()
    {
        string guide = System.IO.File.ReadAllText(RepoPaths.Combine("hardware-notes", "provisioning.md"));
        foreach (string key in TerminalConfig.AllKeys())
            Assert.Contains("`" + key + "`", guide);
    }

    [Fact]
    public void The_config_self_test_items_pass()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        ConfigSelfTest.Run(report);
        Assert.Equal(new[] { "pinmap.rules PASS", "config.base64Key PASS", "config.fields PASS", "config.rejectsHttp PASS" },
            Enumerable.Range(0, report.LineCount).Select(report.Line));
    }
}
