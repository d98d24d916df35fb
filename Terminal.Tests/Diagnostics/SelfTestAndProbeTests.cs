using Terminal.Diagnostics;
using Terminal.Simulator;
using Xunit;

namespace Terminal.Tests.Diagnostics;

/// <summary>
/// The power-on self-test and the timing probe as a whole (each part's items are tested in its own folder).
/// Acceptance runs the same two entry points inside a nanoFramework interpreter.
/// </summary>
public class SelfTestAndProbeTests
{
    private static SelfTestReport Run(string? corrupted = null)
    {
        var report = new SelfTestReport { PrintToConsole = false, CorruptedItem = corrupted };
        SelfTest.Run(report);
        return report;
    }

    private static List<string> Lines(SelfTestReport r) => Enumerable.Range(0, r.LineCount).Select(r.Line).ToList();

    [Fact]
    public void Every_item_passes_and_the_last_line_says_SELFTEST_PASS()
    {
        var report = Run();
        var lines = Lines(report);
        Assert.True(report.AllPassed, string.Join("\n", lines.Where(l => l.Contains(" FAIL"))));
        Assert.Equal("SELFTEST PASS", lines[^1]);
        Assert.All(lines.Take(lines.Count - 1), l => Assert.EndsWith(" PASS", l));
        Assert.True(report.Passed >= 25, "expected the items of every part, got " + report.Passed);
    }

    [Fact]
    public void Each_part_contributes_items()
    {
        var names = Lines(Run()).Select(l => l.Split(' ')[0]).ToList();
        foreach (string prefix in new[] { "qr.", "gateway.sha256", "gateway.hmac", "gateway.json", "money.", "keypad.", "display.", "pinmap.", "config." })
            Assert.Contains(names, n => n.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("qr.annexI")]
    [InlineData("qr.paymentUrl.modules")]
    [InlineData("gateway.sha256.abc")]
    [InlineData("gateway.hmac.rfc4231.2")]
    [InlineData("gateway.json.readStatus")]
    [InlineData("money.format.no")]
    [InlineData("keypad.bounce")]
    [InlineData("display.amountScreen")]
    [InlineData("display.flush.sh1106")]
    public void A_deliberately_corrupted_expectation_is_reported_as_FAIL_naming_the_item(string item)
    {
        var report = Run(item);
        var lines = Lines(report);
        Assert.False(report.AllPassed);
        Assert.Equal(item, report.FirstFailedItem);
        Assert.Equal(1, report.Failed);
        Assert.Contains(lines, l => l.StartsWith(item + " FAIL ", StringComparison.Ordinal) && l.Length > item.Length + 6);
        Assert.Equal("SELFTEST FAIL", lines[^1]);
    }

    [Fact]
    public void The_probe_times_every_item_the_technician_needs()
    {
        var report = new ProbeReport { PrintToConsole = false };
        Probe.Run(2, report);
        var names = Enumerable.Range(0, report.Items).Select(report.Name).ToList();
        foreach (string item in new[] { "qr.encode.url46.fit64", "qr.encode.url300.M", "display.render.qr", "display.flush.full",
                     "display.flush.onePage", "gateway.hmac1k", "gateway.parseStatus" })
            Assert.Contains(item, names);
        Assert.All(Enumerable.Range(0, report.Items), i => Assert.Matches(@"^\d+\.\d{3}$", report.MsPerOperation(i)));
    }

    [Theory]
    [InlineData(0L, "0.000")]
    [InlineData(12_345L, "1.234")]
    [InlineData(123_456_789L, "12345.678")]
    public void Probe_milliseconds_are_formatted_without_floating_point(long ticks, string expected)
    {
        Assert.Equal(expected, ProbeReport.Milliseconds(ticks));
    }

    [Theory]
    [InlineData(new[] { "selftest" }, SimulatorCommand.SelfTest, 100)]
    [InlineData(new[] { "probe", "250" }, SimulatorCommand.Probe, 250)]
    [InlineData(new string[0], SimulatorCommand.Run, 100)]
    public void The_simulator_command_line_selects_selftest_and_probe(string[] args, SimulatorCommand command, int repetitions)
    {
        Assert.Null(SimulatorOptions.TryParse(args, out var options));
        Assert.Equal((command, repetitions), (options.Command, options.ProbeRepetitions));
    }

    [Fact]
    public void The_simulator_runs_with_a_provisioning_file_when_given_one()
    {
        Assert.Null(SimulatorOptions.TryParse(new[] { "--headless", "--config", "sim.cfg" }, out var options));
        Assert.Equal((SimulatorCommand.Run, "sim.cfg", true), (options.Command, options.ProvisioningPath, options.Headless));
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--port", "x")]
    [InlineData("probe", "0")]
    [InlineData("--colour")]
    [InlineData("--config")]
    public void A_bad_command_line_is_refused_with_a_reason(params string[] args)
    {
        Assert.NotNull(SimulatorOptions.TryParse(args, out _));
    }
}

/// <summary>The technician's check of a provisioning file on a PC, with the firmware's own parser.</summary>
public class CheckConfigTests
{
    [Fact]
    public void The_example_file_checks_ok_and_a_broken_one_names_its_bad_line()
    {
        Assert.Equal(0, Program.CheckConfig(RepoPaths.Combine("hardware-notes", "terminal.cfg.example")));
        string broken = Path.Combine(Path.GetTempPath(), "broken-" + Guid.NewGuid().ToString("N") + ".cfg");
        File.WriteAllText(broken, File.ReadAllText(RepoPaths.Combine("hardware-notes", "terminal.cfg.example"))
            .Replace("terminal.key=", "terminal.key=nothex"));
        try
        {
            Assert.Equal(1, Program.CheckConfig(broken));
        }
        finally
        {
            File.Delete(broken);
        }
        Assert.Equal(1, Program.CheckConfig(broken)); // missing file
    }
}
