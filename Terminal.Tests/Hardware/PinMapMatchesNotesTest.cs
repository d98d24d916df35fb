using System.Text.RegularExpressions;
using System.Xml.Linq;
using Terminal.Config;
using Xunit;

namespace Terminal.Tests.Hardware;

/// <summary>
/// The technician wires the terminal from hardware-notes/wiring.md and wiring.svg; the firmware drives the pins
/// in Terminal/Config/PinMap.cs. These tests read all three and fail when they disagree.
/// </summary>
public class PinMapMatchesNotesTest
{
    /// <summary>Signal name as written in the notes -> GPIO the firmware uses.</summary>
    private static readonly Dictionary<string, int> Firmware = new()
    {
        ["SDA"] = PinMap.I2cDataGpio,
        ["SCL"] = PinMap.I2cClockGpio,
        ["R1"] = PinMap.KeypadRows()[0],
        ["R2"] = PinMap.KeypadRows()[1],
        ["R3"] = PinMap.KeypadRows()[2],
        ["R4"] = PinMap.KeypadRows()[3],
        ["C1"] = PinMap.KeypadColumns()[0],
        ["C2"] = PinMap.KeypadColumns()[1],
        ["C3"] = PinMap.KeypadColumns()[2],
        ["C4"] = PinMap.KeypadColumns()[3],
        ["BUZZER"] = PinMap.BuzzerGpio,
    };

    private static string Notes(string file) => File.ReadAllText(RepoPaths.Combine("hardware-notes", file));

    /// <summary>Rows of the pin table: | signal | GPIO | ... with the signal in the first cell.</summary>
    private static Dictionary<string, int> WiringTable()
    {
        var found = new Dictionary<string, int>();
        var row = new Regex(@"^\|\s*`?(?<signal>[A-Z0-9]+)`?\s*\|\s*GPIO(?<gpio>\d+)\s*\|", RegexOptions.Multiline);
        foreach (Match m in row.Matches(Notes("wiring.md")))
        {
            string signal = m.Groups["signal"].Value;
            Assert.False(found.ContainsKey(signal), "wiring.md lists " + signal + " twice");
            found[signal] = int.Parse(m.Groups["gpio"].Value);
        }
        return found;
    }

    [Fact]
    public void The_wiring_table_gives_the_firmware_pin_for_every_signal()
    {
        Assert.Equal(Firmware.OrderBy(p => p.Key), WiringTable().OrderBy(p => p.Key));
    }

    [Fact]
    public void The_wiring_diagram_labels_every_wire_with_the_firmware_pin()
    {
        XDocument svg = XDocument.Load(RepoPaths.Combine("hardware-notes", "wiring.svg"));
        var wires = svg.Descendants().Where(e => e.Attribute("data-signal") != null).ToList();
        var drawn = new Dictionary<string, int>();
        foreach (XElement wire in wires)
        {
            string signal = wire.Attribute("data-signal")!.Value;
            int gpio = int.Parse(wire.Attribute("data-gpio")!.Value);
            Assert.False(drawn.ContainsKey(signal), "wiring.svg draws " + signal + " twice");
            drawn[signal] = gpio;
            // The label a technician reads must say the same as the attribute the test reads.
            string label = string.Concat(wire.Descendants().Where(d => d.Name.LocalName == "text").Select(t => t.Value + " "));
            Assert.Matches(@"\bGPIO" + gpio + @"\b", label);
        }
        Assert.Equal(Firmware.OrderBy(p => p.Key), drawn.OrderBy(p => p.Key));
    }

    [Fact]
    public void The_notes_state_the_bus_speed_and_panel_address_the_firmware_uses()
    {
        string wiring = Notes("wiring.md");
        Assert.Equal(400_000, PinMap.I2cBusSpeedHz);
        Assert.Contains("400 kHz", wiring);
        Assert.Contains("0x" + PinMap.PanelI2cAddress.ToString("X2"), wiring);
        Assert.Contains("bus " + PinMap.I2cBusId, wiring);
    }

    [Fact]
    public void The_pin_map_keeps_off_strapping_flash_and_input_only_pins()
    {
        Assert.Null(PinMap.CheckRules());
        int[] strappingAndFlash = { 0, 2, 5, 12, 15, 6, 7, 8, 9, 10, 11 };
        int[] all = Firmware.Values.ToArray();
        Assert.Empty(all.Intersect(strappingAndFlash));
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(PinMap.KeypadColumns(), c => Assert.False(c >= 34 && c <= 39, "column on input-only GPIO" + c));
        // Rows need pull-ups: either off 34-39 (internal pull-up) or, if ever moved there, external resistors.
        Assert.All(PinMap.KeypadRows(), r => Assert.False(r >= 34 && r <= 39, "row on GPIO" + r + " has no internal pull-up"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(7)]
    [InlineData(16)]
    public void The_rules_recognise_reserved_pins(int gpio)
    {
        Assert.True(PinMap.IsReservedGpio(gpio));
    }

    [Theory]
    [InlineData(34, true)]
    [InlineData(39, true)]
    [InlineData(33, false)]
    public void The_rules_recognise_input_only_pins(int gpio, bool inputOnly)
    {
        Assert.Equal(inputOnly, PinMap.IsInputOnlyGpio(gpio));
    }
}
