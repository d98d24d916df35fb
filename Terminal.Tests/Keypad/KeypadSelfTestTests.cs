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

    [Theory]
    [InlineData("keypad.bounce")]
    [InlineData("keypad.ghost")]
    [InlineData("money.entry")]
    [InlineData("money.entry.overflow")]
    [InlineData("money.format.no")]
    public void A_wrong_answer_is_reported_as_a_failure(string item)
    {
        var report = new SelfTestReport { PrintToConsole = false, CorruptedItem = item };
        KeypadSelfTest.Run(report);
        Assert.Equal(item, report.FirstFailedItem);
        Assert.Equal(1, report.Failed);
    }
}
