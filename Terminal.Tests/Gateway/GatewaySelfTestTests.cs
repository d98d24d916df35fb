using Terminal.Diagnostics;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>The power-on self-test's gateway items: they pass on a good build and a wrong answer shows as FAIL.</summary>
public class GatewaySelfTestTests
{
    private static readonly string[] Items =
    {
        "gateway.sha256.abc", "gateway.sha256.twoBlock", "gateway.hmac.rfc4231.1", "gateway.hmac.rfc4231.2",
        "gateway.json.writeCreate", "gateway.sign.request", "gateway.json.readStatus",
    };

    [Fact]
    public void Every_gateway_known_answer_item_passes()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        GatewaySelfTest.Run(report);
        var lines = Enumerable.Range(0, report.LineCount).Select(report.Line).ToList();
        Assert.Equal(Items.Select(i => i + " PASS"), lines);
    }

    [Fact]
    public void The_whole_self_test_includes_the_gateway_items_and_passes()
    {
        var report = new SelfTestReport { PrintToConsole = false };
        Assert.True(SelfTest.Run(report));
        var lines = Enumerable.Range(0, report.LineCount).Select(report.Line).ToList();
        Assert.All(Items, i => Assert.Contains(i + " PASS", lines));
    }

    [Fact]
    public void The_probe_times_hmac_and_status_parsing()
    {
        var probe = new ProbeReport { PrintToConsole = false };
        GatewaySelfTest.Run(probe, 3);
        Assert.Equal(new[] { "gateway.hmac1k", "gateway.parseStatus" }, Enumerable.Range(0, probe.Items).Select(probe.Name));
    }
}
