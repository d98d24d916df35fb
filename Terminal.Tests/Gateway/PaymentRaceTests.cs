using Terminal.Gateway;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Xunit;

namespace Terminal.Tests.Gateway;

/// <summary>
/// The race that costs money: the cashier presses Cancel at the very moment the tourist's wallet pays, with real
/// threads over real HTTP. Whoever wins at the gateway, the terminal, the wallet and the ledger agree.
/// </summary>
public class PaymentRaceTests
{
    [Fact]
    public async Task Cancel_racing_the_wallets_payment_always_ends_as_the_ledger_says_on_terminal_and_wallet()
    {
        using var h = new GatewayHarness(seed: 77);
        var reply = new GatewayReply();
        int paidWins = 0, cancelWins = 0;
        for (int i = 0; i < 150; i++)
        {
            string id = h.Ids.Next();
            var created = h.Create(id, 1000 + i);
            Assert.Equal(GatewayOutcome.Pending, created.Outcome);

            using var start = new Barrier(2);
            var wallet = Task.Run(() =>
            {
                start.SignalAndWait();
                return h.Pay(created.CodeText);
            });
            start.SignalAndWait();
            h.Client.CancelOrder(id, 1000 + i, "NOK", reply);
            var (walletStatus, walletError) = await wallet;

            string ledger = h.Gateway.FindOrder(id)!.Status;
            if (reply.Outcome == GatewayOutcome.Paid)
            {
                paidWins++;
                Assert.Equal((OrderStatus.Paid, 200), (ledger, walletStatus));
            }
            else
            {
                cancelWins++;
                Assert.Equal(GatewayOutcome.Cancelled, reply.Outcome);
                Assert.Equal((OrderStatus.Cancelled, 410, "cancelled"), (ledger, walletStatus, walletError));
            }
        }
        Assert.Equal(150, paidWins + cancelWins);
    }
}
