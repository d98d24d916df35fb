using Terminal.Drivers.Display;
using Terminal.Money;
using Terminal.Simulator;
using Terminal.Simulator.VirtualHardware;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.EndToEnd;

/// <summary>The simulator's command line: the shop's language, currency and panel for a first-time user.</summary>
public class SimulatorCommandLineTests
{
    [Fact]
    public void Language_currency_and_panel_are_taken_from_the_command_line()
    {
        Assert.Null(SimulatorOptions.TryParse(new[] { "--lang", "en", "--currency", "eur", "--panel", "SH1106", "--port", "0" }, out var options));
        Assert.Equal((Language.English, "EUR", PanelController.Sh1106, 0), (options.Language, options.Currency, options.PanelController, options.Port));
    }

    [Fact]
    public void Without_options_the_simulator_is_the_shops_norwegian_nok_ssd1306_terminal()
    {
        Assert.Null(SimulatorOptions.TryParse(Array.Empty<string>(), out var options));
        Assert.Equal((Language.Norwegian, "NOK", PanelController.Ssd1306), (options.Language, options.Currency, options.PanelController));
        Assert.Null(SimulatorOptions.TryParse(new[] { "--lang", "nb" }, out options));
        Assert.Equal(Language.Norwegian, options.Language);
    }

    [Theory]
    [InlineData("--lang", "sv", "nb (Norwegian) or en (English), got 'sv'")]
    [InlineData("--lang", null, "nb (Norwegian) or en (English)")]
    [InlineData("--currency", "USD", "NOK, SEK, DKK, EUR, ISK, got 'USD'")]
    [InlineData("--panel", "ssd1309", "ssd1306 (0.96\" modules) or sh1106 (1.3\" modules), got 'ssd1309'")]
    public void A_value_the_terminal_cannot_take_is_refused_naming_the_ones_it_can(string option, string? value, string expected)
    {
        string[] args = value == null ? new[] { option } : new[] { option, value };
        string? error = SimulatorOptions.TryParse(args, out _);
        Assert.NotNull(error);
        Assert.EndsWith(expected, error);
    }

    [Fact]
    public void Help_names_every_option_and_main_prints_it_and_exits_0()
    {
        Assert.Null(SimulatorOptions.TryParse(new[] { "--help" }, out var options));
        Assert.True(options.ShowHelp);
        foreach (string word in new[] { "--port", "--headless", "--lang nb|en", "--currency", "NOK, SEK, DKK, EUR or ISK", "--panel", "ssd1306", "sh1106", "selftest", "probe", "check-config", "minute or two" })
            Assert.Contains(word, SimulatorOptions.Help);
    }

    [Fact]
    public void Started_with_english_euro_and_sh1106_the_virtual_terminal_shows_exactly_that()
    {
        Assert.Null(SimulatorOptions.TryParse(new[] { "--lang", "en", "--currency", "EUR", "--panel", "sh1106" }, out var options));
        using var terminal = VirtualTerminal.Start(VirtualTerminalHost.TerminalOptions(options) with { PrintLog = false, TechnicianPin = "2468" });
        terminal.WaitForScreen("amount");
        terminal.PressKeys("12500");
        terminal.WaitFor(() => terminal.State().AmountMinor == 12500, TimeSpan.FromSeconds(10), "amount 125.00");
        Assert.Equal("EUR", terminal.State().Currency);
        Assert.Equal(PanelController.Sh1106, terminal.Oled.Controller);

        // The glass shows the English amount screen with euro, pixel for pixel.
        var expected = new ScreenModel { Screen = ScreenId.Amount, Language = Language.English, CurrencyCode = "EUR" };
        expected.SetAmount(NumberOf(12500, CurrencyTable.FindByCode("EUR"), Language.English));
        var frame = new FrameBuffer();
        ScreenRenderer.Draw(expected, frame);
        bool[] glass = terminal.Glass();
        for (int y = 0; y < VirtualOledController.HeightPx; y++)
            for (int x = 0; x < VirtualOledController.WidthPx; x++)
                Assert.True(frame.GetPixel(x, y) == glass[y * VirtualOledController.WidthPx + x], $"pixel ({x}, {y})");
    }

    private static string NumberOf(long amountMinor, Currency currency, int language)
    {
        var chars = new char[ScreenModel.MaxAmountChars];
        return new string(chars, 0, MoneyFormat.WriteNumber(amountMinor, currency, language, chars, 0));
    }
}
