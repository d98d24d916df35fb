using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Terminal.Drivers.Keypad;
using Gateway.Server.Storage;
using Gateway.Server.Testing;

namespace Terminal.Simulator.Campaign
{
    /// <summary>What a campaign counted. The five failure counts must all be 0.</summary>
    public sealed record CampaignTotals(
        int Sales, int SeedUsed, int Paid, int Cancelled, int Failed, int Refused, int PowerCuts, int StorageFaults,
        int NetworkFaults, int DoubleOrders, int FalsePaid, int MissedPaid, int ScreenLedgerMismatches, int StuckTerminals,
        TimeSpan Elapsed, IReadOnlyList<string> Problems)
    {
        public bool Clean => DoubleOrders == 0 && FalsePaid == 0 && MissedPaid == 0 && ScreenLedgerMismatches == 0 && StuckTerminals == 0;

        public override string ToString() =>
            $"sales {Sales} (seed {SeedUsed}) in {Elapsed.TotalSeconds:F1} s: paid {Paid}, cancelled {Cancelled}, failed {Failed}, "
            + $"refused (journal) {Refused}; injected: power cuts {PowerCuts}, storage faults {StorageFaults}, network faults {NetworkFaults}\n"
            + $"double orders {DoubleOrders}, false PAID {FalsePaid}, missed PAID {MissedPaid}, "
            + $"screen-vs-ledger mismatches {ScreenLedgerMismatches}, stuck terminals {StuckTerminals}";
    }

    /// <summary>
    /// The merchant's worst day through the whole virtual terminal: the real firmware composition
    /// (<see cref="Terminal.App.PaymentTerminal"/>: PosApp, TerminalRunner, keypad and panel drivers, GatewayClient
    /// over loopback HTTP) against the gateway server (Gateway.Server, its test fault injector) with random network faults, power cuts at random
    /// steps of a sale (<see cref="VirtualTerminal.PowerCycle"/>) and flash write refusals on the sale journal.
    /// Seeded: the same seed draws the same sales, faults and cuts (thread timing still varies how a fault lands).
    /// Every outcome the panel shows is recorded per order id and compared with the gateway's ledger at the end.
    /// </summary>
    public static class AppFaultCampaign
    {
        /// <summary>Longest a terminal may take to reach the next screen before it counts as stuck.</summary>
        private static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(30);

        private static readonly string[] Outcomes = { "paid", "cancelled", "failed", "expired" };

        private static readonly GatewayFault[] NetworkFaultKinds =
        {
            GatewayFault.DropRequest, GatewayFault.DropResponse, GatewayFault.ServerError, GatewayFault.Delay,
            GatewayFault.TruncatedBody, GatewayFault.WrongSignature, GatewayFault.ConnectionReset, GatewayFault.ReplayPrevious,
            GatewayFault.OversizedBody,
        };

        /// <summary>Probability that a terminal request gets a network fault.</summary>
        public const double NetworkFaultProbability = 0.08;

        public static CampaignTotals Run(int sales, int seed, Action<string>? progress = null)
        {
            var rng = new Random(seed);
            var watch = Stopwatch.StartNew();
            using var t = VirtualTerminal.Start(new VirtualTerminalOptions
            {
                Seed = seed,
                TechnicianPin = "2468",
                PaidAcknowledgeGuardMs = 0,
                WaitHoldMs = 2000,
                RetryDelayMs = 20,
                MaxRetryDelayMs = 160,
                ClientRetryBackoffMs = 5,
                KeypadTiming = new KeypadTiming
                {
                    DebouncePressMs = 1, DebounceReleaseMs = 1, ActivePollMs = 1, IdlePollMs = 1,
                },
            });
            var run = new CampaignRun(t);
            t.Gateway.Faults!.DelayMs = 100;
            t.Gateway.Faults!.EnableRandom(seed ^ 0x3C3C, NetworkFaultProbability, NetworkFaultKinds);
            run.SettleToAmount();

            for (int sale = 0; sale < sales; sale++)
            {
                run.OneSale(rng);
                if (progress != null && (sale + 1) % 500 == 0) progress((sale + 1) + " sales, " + watch.Elapsed.TotalSeconds.ToString("F0") + " s");
            }
            t.Gateway.Faults!.DisableRandom();
            run.SettleToAmount();
            return run.Totals(sales, seed, watch.Elapsed);
        }

        /// <summary>One campaign's terminal and what its panel showed.</summary>
        private sealed class CampaignRun
        {
            private readonly VirtualTerminal _t;
            private readonly Dictionary<string, string> _shown = new(StringComparer.Ordinal); // order id -> last outcome shown
            private readonly List<string> _problems = new();
            private int _falsePaidOnScreen;
            private int _stuck;
            private int _powerCuts;
            private int _storageFaults;
            private int _refused;

            public CampaignRun(VirtualTerminal t)
            {
                _t = t;
            }

            public void OneSale(Random rng)
            {
                long amountMinor = rng.Next(1, 100_000);
                double action = rng.NextDouble();
                int cutAt = rng.Next(5);
                bool storageFault = rng.NextDouble() < 0.05;
                if (storageFault)
                {
                    _storageFaults++;
                    _t.JournalFlash.FailNextWrites = rng.Next(1, 2 * Terminal.App.SaleJournal.WriteAttempts); // some retried away, some refuse the sale
                }

                if (!Type(amountMinor.ToString(System.Globalization.CultureInfo.InvariantCulture) + "D")) return;
                _t.JournalFlash.FailNextWrites = 0;

                if (action < 0.12)
                {
                    PowerCutDuring(rng, cutAt);
                    return;
                }
                if (!WaitForScreen(s => s == "qr" || Outcomes.Contains(s), "the code or an outcome")) return;
                if (_t.State().Screen == "qr")
                {
                    if (action < 0.62) _t.ScanAndPay();
                    else if (action < 0.82) Type("A");
                    else
                    {
                        _t.ScanAndPay(); // the tourist pays as the cashier gives up: a race
                        Type("A");
                    }
                }
                SettleToAmount();
            }

            private void PowerCutDuring(Random rng, int cutAt)
            {
                // Where the power goes: 0 right after OK (journal written, create on its way), 1 with the code shown,
                // 2 just after the tourist paid, 3 on PAID, 4 just after Cancel.
                if (cutAt >= 1 && !WaitForScreen(s => s == "qr" || Outcomes.Contains(s), "the code or an outcome")) return;
                if (cutAt >= 2 && _t.State().Screen == "qr") _t.ScanAndPay();
                if (cutAt == 3) WaitForScreen(s => Outcomes.Contains(s), "an outcome");
                if (cutAt == 4 && _t.State().Screen == "qr") Type("A");
                _powerCuts++;
                _t.PowerCycle();
                SettleToAmount();
            }

            /// <summary>Acknowledges every outcome shown (recording it) until the amount screen is back.</summary>
            public void SettleToAmount()
            {
                while (true)
                {
                    if (!WaitForScreen(s => s == "amount" || Outcomes.Contains(s), "an outcome or the amount screen")) return;
                    var state = _t.State();
                    if (state.Screen == "amount") return;
                    Record(state.OrderId, state.Screen);
                    if (!Type("D")) return;
                    _t.WaitFor(() => _t.State().Screen != state.Screen || _t.State().OrderId != state.OrderId, StuckAfter, "the outcome acknowledged");
                }
            }

            private void Record(string? orderId, string screen)
            {
                if (orderId == null)
                {
                    if (screen == "failed") return; // a notice (journal damaged), not a sale
                    _problems.Add("an outcome '" + screen + "' without an order id");
                    return;
                }
                if (screen == "failed" && _t.Gateway.FindOrder(orderId) == null) _refused++; // refused before sending: nothing charged
                if (screen == "paid" && _t.Gateway.FindOrder(orderId)?.Status != OrderStatus.Paid)
                {
                    _falsePaidOnScreen++;
                    _problems.Add("PAID shown for " + orderId + ", ledger " + (_t.Gateway.FindOrder(orderId)?.Status ?? "none"));
                }
                _shown[orderId] = screen;
            }

            private bool Type(string keys)
            {
                try
                {
                    _t.PressKeys(keys);
                    return true;
                }
                catch (TimeoutException e)
                {
                    Stuck("typing " + keys + ": " + e.Message);
                    return false;
                }
            }

            private bool WaitForScreen(Func<string, bool> wanted, string what)
            {
                try
                {
                    _t.WaitFor(() => wanted(_t.State().Screen), StuckAfter, what);
                    return true;
                }
                catch (TimeoutException e)
                {
                    Stuck(e.Message);
                    return false;
                }
            }

            /// <summary>A terminal that did not move on: counted, then restarted so the campaign can go on.</summary>
            private void Stuck(string what)
            {
                _stuck++;
                _problems.Add("stuck: " + what);
                _t.PowerCycle();
            }

            public CampaignTotals Totals(int sales, int seed, TimeSpan elapsed)
            {
                var orders = _t.Gateway.AllOrders();
                int doubleOrders = 0, missedPaid = 0, mismatches = 0, paid = 0, cancelled = 0, failed = 0;
                foreach (var o in orders)
                {
                    if (o.Payments > 1)
                    {
                        doubleOrders++;
                        _problems.Add(o.OrderId + " paid " + o.Payments + " times");
                    }
                    _shown.TryGetValue(o.OrderId, out string? shown);
                    if (o.Status == OrderStatus.Paid && shown != "paid")
                    {
                        missedPaid++;
                        _problems.Add(o.OrderId + " is PAID at the gateway, the panel showed " + (shown ?? "nothing"));
                    }
                    bool agrees = o.Status switch
                    {
                        OrderStatus.Paid => shown == "paid",
                        OrderStatus.Cancelled => shown is "cancelled" or "failed",
                        OrderStatus.Expired => shown is "expired" or "cancelled" or "failed",
                        _ => false, // PENDING after the campaign: a payable code nobody watches
                    };
                    if (!agrees)
                    {
                        mismatches++;
                        _problems.Add(o.OrderId + ": ledger " + o.Status + ", panel " + (shown ?? "nothing"));
                    }
                }
                foreach (string shown in _shown.Values)
                {
                    if (shown == "paid") paid++;
                    else if (shown == "failed") failed++;
                    else cancelled++;
                }
                int networkFaults = Enum.GetValues<GatewayFault>().Sum(f => f == GatewayFault.None ? 0 : _t.Gateway.Faults!.InjectedCount(f));
                return new CampaignTotals(sales, seed, paid, cancelled, failed, _refused, _powerCuts, _storageFaults, networkFaults,
                    doubleOrders, _falsePaidOnScreen, missedPaid, mismatches, _stuck, elapsed, _problems);
            }
        }
    }
}
