using Terminal.Gateway;
using Gateway.Server;
using Gateway.Server.Protocol;
using Gateway.Server.Storage;
using Gateway.Server.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Terminal.Tests.Gateway;

/// <summary>
/// The money invariants under a seeded storm of network faults, over real loopback HTTP: 1,000 transactions,
/// each request to the gateway faulted at random (every kind the server can inject), tourists paying and cashiers
/// cancelling at seeded moments, orders expiring. After every transaction: the id has exactly one ledger
/// entry, the terminal never believed PAID unless the ledger says PAID, and its final belief is the ledger's.
/// </summary>
public class FaultCampaignTests(ITestOutputHelper output)
{
    private const int Transactions = 1000;
    private const int HoldMs = 5;
    private const int ExpirySeconds = 60;

    private enum Scenario { Pay, Cancel, Expire, PayAndCancel, CancelAndPay }

    [Fact]
    public void A_thousand_transactions_under_random_faults_never_double_create_never_falsely_pay_and_end_as_the_ledger_says()
    {
        using var h = new GatewayHarness(seed: 2026, requestTimeoutMs: 150, waitMarginMs: 150, maxAttempts: 4);
        h.Gateway.Faults!.DelayMs = 10_000; // held until the client's timeout ends it: the request commits after the terminal gave up
        var kinds = new List<GatewayFault>();
        foreach (GatewayFault f in Enum.GetValues<GatewayFault>())
        {
            if (f == GatewayFault.None) continue;
            kinds.Add(f);
            if (f != GatewayFault.Delay) kinds.Add(f); // delays cost real time: half the weight
        }
        h.Gateway.Faults!.EnableRandom(seed: 7, probability: 0.2, kinds.ToArray());

        var rng = new Random(424242);
        var reply = new GatewayReply();
        var tally = new Dictionary<string, int>();
        var ids = new List<string>();

        for (int t = 0; t < Transactions; t++)
        {
            string id = h.Ids.Next();
            ids.Add(id);
            long amount = rng.Next(1, 1_000_000);
            var scenario = (Scenario)rng.Next(5);
            int eventStep = rng.Next(3);
            string belief = RunTransaction(h, id, amount, scenario, eventStep, reply);

            StoredOrder? order = h.Gateway.FindOrder(id);
            Assert.True(order != null, $"transaction {t}: the ledger has no entry for {id}");
            Assert.Equal(order!.Status, belief);
            Assert.True(order.Payments <= 1, $"transaction {t}: paid {order.Payments} times");
            Assert.Equal(amount, order.AmountMinor);
            tally[belief + (order.Created ? "" : " (never created)")] = tally.GetValueOrDefault(belief + (order.Created ? "" : " (never created)")) + 1;
        }

        // Every id once, every order settled exactly as the terminal believed, codes unique.
        var orders = h.Gateway.AllOrders();
        Assert.Equal(Transactions, orders.Count);
        Assert.Equal(ids.OrderBy(x => x), orders.Select(o => o.OrderId).OrderBy(x => x));
        Assert.DoesNotContain(orders, o => o.Status == OrderStatus.Pending);
        var codes = orders.Where(o => o.Code.Length > 0).Select(o => o.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());

        foreach (GatewayFault f in kinds.Distinct())
        {
            int n = h.Gateway.Faults!.InjectedCount(f);
            output.WriteLine($"fault {f}: {n}");
            Assert.True(n >= 10, $"fault {f} injected only {n} times");
        }
        foreach (var (state, n) in tally.OrderBy(p => p.Key)) output.WriteLine($"{state}: {n}");
        output.WriteLine($"requests: {h.Gateway.TerminalRequests}");
        Assert.True(tally.GetValueOrDefault("PAID") > 100 && tally.GetValueOrDefault("CANCELLED") > 100 && tally.GetValueOrDefault("EXPIRED") > 50);
    }

    /// <summary>What a cashier's terminal does for one sale; returns its final belief as a ledger status.</summary>
    private static string RunTransaction(GatewayHarness h, string id, long amount, Scenario scenario, int eventStep, GatewayReply reply)
    {
        h.Client.CreateOrder(id, amount, "NOK", ExpirySeconds, reply);
        CheckNeverFalselyPaid(h, id, reply);
        if (reply.Outcome == GatewayOutcome.Unknown) return Resolve(h, id, amount, reply); // never showed a code
        Assert.True(reply.Outcome == GatewayOutcome.Pending, $"create of {id}: outcome {reply.Outcome} {reply.ErrorCode}");
        string code = reply.CodeText;

        for (int step = 0; step < 40; step++)
        {
            if (step == eventStep)
            {
                switch (scenario)
                {
                    case Scenario.Pay:
                        h.Pay(code);
                        break;
                    case Scenario.Expire:
                        h.Gateway.AdvanceClock(ExpirySeconds);
                        break;
                    case Scenario.PayAndCancel:
                        h.Pay(code);
                        return Resolve(h, id, amount, reply);
                    case Scenario.CancelAndPay:
                    case Scenario.Cancel:
                        h.Client.CancelOrder(id, amount, "NOK", reply);
                        CheckNeverFalselyPaid(h, id, reply);
                        if (scenario == Scenario.CancelAndPay) h.Pay(code); // the tourist scans a code just cancelled
                        if (GatewayOutcome.IsFinal(reply.Outcome)) return Status(reply.Outcome);
                        return Resolve(h, id, amount, reply);
                }
            }
            h.Client.WaitForOutcome(id, amount, "NOK", HoldMs, reply);
            CheckNeverFalselyPaid(h, id, reply);
            Assert.NotEqual(GatewayOutcome.Rejected, reply.Outcome);
            if (GatewayOutcome.IsFinal(reply.Outcome)) return Status(reply.Outcome);
        }
        // The order outlived the terminal's patience: cancel it, as on expiry.
        return Resolve(h, id, amount, reply);
    }

    /// <summary>Cancel until a trustworthy answer settles the order (the terminal's "unknown" recovery).</summary>
    private static string Resolve(GatewayHarness h, string id, long amount, GatewayReply reply)
    {
        for (int round = 0; round < 50; round++)
        {
            h.Client.CancelOrder(id, amount, "NOK", reply);
            CheckNeverFalselyPaid(h, id, reply);
            Assert.NotEqual(GatewayOutcome.Rejected, reply.Outcome);
            if (GatewayOutcome.IsFinal(reply.Outcome)) return Status(reply.Outcome);
        }
        throw new Xunit.Sdk.XunitException($"order {id} was never settled");
    }

    private static void CheckNeverFalselyPaid(GatewayHarness h, string id, GatewayReply reply)
    {
        if (reply.Outcome != GatewayOutcome.Paid) return;
        Assert.Equal(OrderStatus.Paid, h.Gateway.FindOrder(id)?.Status);
    }

    private static string Status(int outcome) => outcome switch
    {
        GatewayOutcome.Paid => OrderStatus.Paid,
        GatewayOutcome.Cancelled => OrderStatus.Cancelled,
        GatewayOutcome.Expired => OrderStatus.Expired,
        _ => "?" + outcome,
    };
}
