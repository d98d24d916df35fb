using Terminal.App;
using Terminal.Tests.App.Fixture;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>
/// The app decides from its own state and only writes what the screens show: if it read the screen model back,
/// a change of layout or wording could change what it does with money.
/// </summary>
public class ScreenModelIsWriteOnlyTests
{
    [Fact]
    public void No_code_of_the_app_reads_the_screen_model()
    {
        var reads = ScreenModelReads.In(typeof(PosApp).Assembly, typeof(PosApp).Namespace!);
        Assert.True(reads.Count == 0, string.Join("\n", reads));
    }

    [Fact]
    public void The_check_finds_a_read_of_a_field_and_of_a_getter_where_there_is_one()
    {
        var reads = ScreenModelReads.In(typeof(ReadsTheModel).Assembly, typeof(ReadsTheModel).Namespace!);
        Assert.Contains("ReadsTheModel.Decide reads ScreenModel.ReasonDetail", reads);
        Assert.Contains("ReadsTheModel.Decide reads ScreenModel.MenuLineCount", reads);
        Assert.DoesNotContain(reads, r => r.Contains("Write"));
    }

    [Fact]
    public void The_app_takes_time_from_the_clock_ports_not_from_the_system_clock()
    {
        var calls = ScreenModelReads.CallsOf(typeof(PosApp).Assembly, typeof(PosApp).Namespace!, typeof(DateTime), "get_UtcNow")
            .Concat(ScreenModelReads.CallsOf(typeof(PosApp).Assembly, typeof(PosApp).Namespace!, typeof(DateTime), "get_Now")).ToList();
        Assert.True(calls.Count == 0, string.Join("\n", calls));
        Assert.NotEmpty(ScreenModelReads.CallsOf(typeof(Terminal.Diagnostics.ProbeReport).Assembly, "Terminal.Diagnostics", typeof(DateTime), "get_UtcNow"));
    }
}
