using Terminal.App;
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
    private static SelfTestReport Run()
    {
        var report = new SelfTestReport { PrintToConsole = false };
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
        Assert.Equal(lines.Count - 1, report.Passed);
    }

    [Fact]
    public void The_terminal_s_run_on_its_own_qr_buffers_keeps_no_lines_and_gives_the_same_verdict()
    {
        // What PaymentTerminal does at power-on: the sale's symbol is lent, the encoder is one made for the run, the
        // lines are printed, not kept.
        var encoder = new Terminal.Qr.QrEncoder(PaymentTerminal.MaxQrVersion);
        var code = new Terminal.Qr.QrCode(PaymentTerminal.MaxQrVersion);
        var report = new SelfTestReport { PrintToConsole = false, KeepLines = false };
        Assert.True(SelfTest.Run(report, encoder, code), report.FirstFailedItem);
        Assert.Equal(0, report.LineCount);
        Assert.Equal(Run().Passed, report.Passed);
        // The symbol still takes the payment code afterwards (the self-test left nothing behind).
        Assert.Equal(Terminal.Qr.QrStatus.Ok, encoder.EncodeToFit(QrSelfTest.PaymentUrl46, 64, 1, code));
        Assert.Equal(QrSelfTest.PaymentUrl46Checksum, QrSelfTest.ModuleChecksum(code));
    }

    [Fact]
    public void Each_part_contributes_items()
    {
        var names = Lines(Run()).Select(l => l.Split(' ')[0]).ToList();
        foreach (string prefix in new[] { "qr.", "gateway.sha256", "gateway.hmac", "gateway.json", "money.", "keypad.", "display.", "pinmap.", "config." })
            Assert.Contains(names, n => n.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_answer_an_exception_and_a_missing_verdict_each_fail_their_item_by_name()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        report.Check("demo.right", r => r.ExpectNumber(12500, 12500));
        report.Check("demo.wrong", r => r.ExpectHex("ba78", new byte[] { 0xba, 0x79 }, 0, 2));
        report.Check("demo.throws", _ => throw new InvalidOperationException("bus stuck"));
        report.Check("demo.silent", _ => { });
        report.Finish();
        Assert.Equal(new[]
        {
            "demo.right PASS",
            "demo.wrong FAIL expected 'ba78' got 'ba79'",
            "demo.throws FAIL exception InvalidOperationException: bus stuck",
            "demo.silent FAIL the check gave no verdict",
            "SELFTEST FAIL",
        }, Lines(report));
        Assert.Equal("demo.wrong", report.FirstFailedItem);
        Assert.Equal(3, report.Failed);
    }

    [Fact]
    public void The_probe_times_every_item_the_technician_needs()
    {
        var report = new ProbeReport { PrintToConsole = false };
        Probe.Run(2, report);
        var names = Enumerable.Range(0, report.Items).Select(report.Name).ToList();
        foreach (string item in new[] { "qr.encode.url46.fit64", "qr.encode.url250.M", "display.render.qr", "display.flush.full",
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
