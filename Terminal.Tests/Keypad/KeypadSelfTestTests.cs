using Terminal.Diagnostics;
using Xunit;

namespace Terminal.Tests.Keypad;

public class KeypadSelfTestTests
{
    private static readonly string[] Items =
    {
        "keypad.bounce", "keypad.ghost", "money.entry", "money.entry.overflow",
        "money.format.no", "money.format.en", "money.format.isk",
    };

    [Fact]
    public void The_power_on_self_test_passes_every_keypad_and_money_item()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        Assert.True(SelfTest.Run(report), report.FirstFailedItem);
        var lines = Enumerable.Range(0, report.LineCount).Select(report.Line).ToArray();
        foreach (string item in Items) Assert.Contains(item + " PASS", lines);
    }

    [Fact]
    public void The_keypad_part_gives_one_verdict_per_item_in_order()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        KeypadSelfTest.Run(report);
        Assert.Equal(Items.Select(i => i + " PASS"), Enumerable.Range(0, report.LineCount).Select(report.Line));
    }
}
