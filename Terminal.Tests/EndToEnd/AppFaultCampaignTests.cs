using Terminal.Simulator.Campaign;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.EndToEnd;

/// <summary>
/// Issue 14: the fault campaign through the real app - PaymentTerminal (PosApp, TerminalRunner, the drivers on
/// virtual hardware, GatewayClient over loopback HTTP) against the gateway server (Gateway.Server) - with random network
/// faults, power cuts at random steps of a sale and flash write refusals. The same campaign runs from the
/// command line for any count and seed: dotnet run --project Terminal.Simulator -- campaign N SEED.
/// </summary>
public class AppFaultCampaignTests(ITestOutputHelper output)
{
    [Fact]
    public void A_thousand_sales_under_network_faults_power_cuts_and_flash_faults_end_as_the_ledger_says()
    {
        var totals = AppFaultCampaign.Run(sales: 1000, seed: 2026);
        output.WriteLine(totals.ToString());
        foreach (string problem in totals.Problems.Take(20)) output.WriteLine(problem);

        Assert.Equal((0, 0, 0, 0, 0), (totals.DoubleOrders, totals.FalsePaid, totals.MissedPaid, totals.ScreenLedgerMismatches, totals.StuckTerminals));
        // The campaign really injected each kind of fault and saw each kind of ending.
        Assert.True(totals.PowerCuts > 50 && totals.StorageFaults > 20 && totals.NetworkFaults > 100, totals.ToString());
        Assert.True(totals.Paid > 300 && totals.Cancelled > 100 && totals.Refused > 0, totals.ToString());
    }
}
