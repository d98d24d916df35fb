using Terminal.App;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Storage;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Qr;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>
/// The POS state machine driven directly: keys, gateway replies and clock ticks in; screen and requests out.
/// No threads, no network: every flow is deterministic.
/// </summary>
public partial class PosAppTests
{
    private const string Code = "https://qr.alipay.com/bax01234567890abcdefghij";

    internal sealed class Log : IAppLog
    {
        public readonly List<string> Lines = new();
        public void Line(string text) => Lines.Add(text);
    }

    internal sealed class Rig
    {
        public readonly FakeClock Clock = new(1_000_000);
        public readonly ScreenModel Model = new();
        public readonly Log Log = new();
        public readonly PosSettings Settings = new() { TechnicianPin = "2468", TerminalId = "T1", RetryDelayMs = 2000 };
        public readonly PosApp App;
        public readonly AppRequest Request = new();
        public readonly MemorySlot Flash;
        public readonly MemorySlot PinFlash;
        public readonly MemorySlot RefundFlash;

        public Rig(Action<PosSettings>? configure = null, MemorySlot? flash = null, MemorySlot? pinFlash = null, FakeClock? clock = null, MemorySlot? refundFlash = null)
        {
            configure?.Invoke(Settings);
            Flash = flash ?? new MemorySlot();
            PinFlash = pinFlash ?? new MemorySlot();
            RefundFlash = refundFlash ?? new MemorySlot();
            if (clock != null) Clock = clock;
            App = new PosApp(Settings, new OrderIds("T1", new byte[8] { 1, 2, 3, 4, 5, 6, 7, 8 }), null, new QrCode(PaymentTerminal.MaxQrVersion), Model, Clock, new FakeWallClock(1_790_000_000), Log, Flash, PinFlash, RefundFlash);
        }

        /// <summary>Acknowledges PAID as a cashier does: OK, after the guard time.</summary>
        public void AcknowledgePaid()
        {
            Tick(Settings.PaidAcknowledgeGuardMs);
            Keys("D");
        }

        public void Keys(string keys)
        {
            foreach (char k in keys)
            {
                App.OnKey(k, KeyEventKind.Down);
                App.OnKey(k, KeyEventKind.Up);
            }
        }

        public AppRequest Next()
        {
            Assert.True(App.TakeRequest(Request), "expected a request for the gateway");
            return Request;
        }

        public void NoRequest() => Assert.False(App.TakeRequest(new AppRequest()), "expected no request");

        public void Tick(long ms)
        {
            Clock.Advance(ms);
            App.OnTick();
        }

        public void Reply(int outcome, string? orderId = null, string? code = null, string? error = null, long amount = 0, int expiresIn = 120)
        {
            App.OnReply(new GatewayReply
            {
                Outcome = outcome,
                OrderId = orderId ?? Request.OrderId,
                CodeText = code,
                ErrorCode = error,
                AmountMinor = amount == 0 ? Request.AmountMinor : amount,
                Currency = "NOK",
                ExpiresInSeconds = expiresIn,
            });
        }

        /// <summary>Boots with no open orders and stops on the amount screen.</summary>
        public Rig Ready()
        {
            App.Start(true, null!);
            Assert.Equal(RequestKind.ListOpen, Next().Kind);
            App.OnOpenOrders(new OpenOrderList { Outcome = GatewayOutcome.Ok });
            Assert.Equal(AppState.Idle, App.State);
            return this;
        }

        /// <summary>Keys an amount, OK, and the gateway creates the order: the QR is up and a long poll is asked for.</summary>
        public string ShowCode(string keys = "12500D")
        {
            Keys(keys);
            var create = Next();
            Assert.Equal(RequestKind.Create, create.Kind);
            string id = create.OrderId!;
            Reply(GatewayOutcome.Pending, code: Code);
            Assert.Equal(ScreenId.Qr, Model.Screen);
            Assert.Equal(RequestKind.Wait, Next().Kind);
            return id;
        }
    }

    [Fact]
    public void Cashier_keys_an_amount_the_tourist_pays_and_PAID_stays_until_a_key()
    {
        var rig = new Rig().Ready();
        rig.Keys("12500");
        Assert.Equal(12500, rig.App.AmountMinor);
        Assert.Equal("125,00", new string(rig.Model.AmountChars, 0, rig.Model.AmountLength));
        rig.Keys("D");
        var create = rig.Next();
        Assert.Equal((RequestKind.Create, 12500L, "NOK"), (create.Kind, create.AmountMinor, create.CurrencyCode));
        Assert.Equal(ScreenId.Creating, rig.Model.Screen);

        rig.Reply(GatewayOutcome.Pending, code: Code);
        Assert.Equal(ScreenId.Qr, rig.Model.Screen);
        Assert.True(rig.Model.Qr!.IsValid);
        Assert.Equal(120, rig.Model.SecondsLeft);
        var wait = rig.Next();
        Assert.Equal((RequestKind.Wait, create.OrderId), (wait.Kind, wait.OrderId));

        rig.Reply(GatewayOutcome.Paid);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
        rig.Tick(600_000);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen); // stays: cashiers miss short success messages
        rig.Keys("1A");
        Assert.Equal(ScreenId.Paid, rig.Model.Screen); // only OK acknowledges it
        rig.Keys("D");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
        Assert.Null(rig.Flash.Read()); // settled and seen: nothing left to recover
        Assert.Equal(0, rig.App.AmountMinor);
        rig.NoRequest();
    }

    [Fact]
    public void A_configured_PAID_time_returns_to_the_amount_screen_by_itself()
    {
        var rig = new Rig(s => s.PaidScreenTimeoutMs = 15_000).Ready();
        rig.ShowCode();
        rig.Reply(GatewayOutcome.Paid);
        rig.Tick(14_999);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
        rig.Tick(1);
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
    }

    [Fact]
    public void Cancel_or_a_quick_OK_right_after_the_payment_arrived_does_not_clear_PAID_unseen()
    {
        var rig = new Rig().Ready();
        rig.ShowCode();
        rig.Keys("A");              // the cashier gives up...
        rig.Reply(GatewayOutcome.Paid); // ...while the tourist's payment arrives
        rig.Keys("AAD");            // impatient presses
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
        rig.Tick(rig.Settings.PaidAcknowledgeGuardMs);
        rig.Keys("D");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
    }

    [Fact]
    public void A_sale_paid_just_before_a_power_cut_is_shown_as_PAID_after_the_restart()
    {
        var flash = new MemorySlot();
        var before = new Rig(flash: flash).Ready();
        string id = before.ShowCode();
        Assert.Equal(SaleJournal.Format(id, 12500, "NOK"), flash.Read()); // written before the create went out

        var after = new Rig(flash: flash); // power cut: the PAID answer never reached the old app
        after.App.Start(true, null!);
        after.Next();
        after.App.OnOpenOrders(new OpenOrderList { Outcome = GatewayOutcome.Ok }); // paid orders are not open
        var query = after.Next();
        Assert.Equal((RequestKind.Query, id), (query.Kind, query.OrderId));
        after.Reply(GatewayOutcome.Paid, amount: 12500);
        Assert.Equal(ScreenId.Paid, after.Model.Screen);
        after.AcknowledgePaid();
        Assert.Null(flash.Read());
    }

    [Fact]
    public void A_journalled_order_the_gateway_never_saw_is_cancelled_so_a_late_create_cannot_open_it()
    {
        var flash = new MemorySlot();
        flash.Write(SaleJournal.Format("T1-lost-000009", 700, "NOK"));
        var rig = new Rig(flash: flash);
        rig.App.Start(true, null!);
        rig.Next();
        rig.App.OnOpenOrders(new OpenOrderList { Outcome = GatewayOutcome.Ok });
        Assert.Equal(RequestKind.Query, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Rejected, error: GatewayErrors.UnknownOrder);
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, "T1-lost-000009"), (cancel.Kind, cancel.OrderId));
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal((ScreenId.Cancelled, Reason.InterruptedByRestart), (rig.Model.Screen, rig.Model.Reason));
    }

    [Fact]
    public void The_journalled_order_is_settled_once_even_when_the_gateway_also_lists_it()
    {
        var flash = new MemorySlot();
        flash.Write(SaleJournal.Format("T1-old-000003", 500, "NOK"));
        var rig = new Rig(flash: flash);
        rig.App.Start(true, null!);
        rig.Next();
        var list = new OpenOrderList { Outcome = GatewayOutcome.Ok };
        list.Add("T1-old-000003");
        rig.App.OnOpenOrders(list);
        Assert.Equal(RequestKind.Query, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Pending, amount: 500);
        Assert.Equal(RequestKind.Cancel, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Cancelled);
        rig.Keys("D");
        Assert.Equal(AppState.Idle, rig.App.State);
        rig.NoRequest();
    }

    [Fact]
    public void More_open_orders_than_fit_are_settled_and_then_listed_again()
    {
        var rig = new Rig();
        rig.App.Start(true, null!);
        rig.Next();
        var list = new OpenOrderList { Outcome = GatewayOutcome.Ok, Truncated = true };
        list.Add("T1-a-000001");
        rig.App.OnOpenOrders(list);
        rig.Next();
        rig.Reply(GatewayOutcome.Expired, amount: 100);
        rig.Keys("D");
        Assert.Equal(RequestKind.ListOpen, rig.Next().Kind);
    }

    [Fact]
    public void A_create_refused_after_a_retry_is_cancelled_because_the_first_attempt_may_have_made_the_order()
    {
        var rig = new Rig().Ready();
        rig.Keys("800D");
        string id = rig.Next().OrderId!;
        rig.App.OnReply(new GatewayReply { Outcome = GatewayOutcome.Rejected, ErrorCode = "stale", OrderId = id, Attempts = 2 });
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, id), (cancel.Kind, cancel.OrderId));
    }

    [Fact]
    public void A_digit_typed_over_a_result_screen_starts_the_next_amount()
    {
        var rig = new Rig().Ready();
        rig.ShowCode();
        rig.Keys("A");
        rig.Reply(GatewayOutcome.Pending);
        rig.Next();
        rig.Reply(GatewayOutcome.Cancelled);
        rig.Keys("12500");
        Assert.Equal(12500, rig.App.AmountMinor);
    }

    [Fact]
    public void A_PAID_about_another_order_is_never_shown()
    {
        var rig = new Rig().Ready();
        rig.ShowCode();
        rig.Reply(GatewayOutcome.Paid, orderId: "T1-someone-else-000001");
        Assert.Equal(ScreenId.Qr, rig.Model.Screen);
        rig.Tick(rig.Settings.RetryDelayMs);
        Assert.Equal(RequestKind.Wait, rig.Next().Kind); // asks again about its own order
    }

    [Fact]
    public void A_pending_long_poll_is_followed_by_the_next_one_for_the_same_order()
    {
        var rig = new Rig().Ready();
        string id = rig.ShowCode();
        for (int i = 0; i < 5; i++)
        {
            rig.Reply(GatewayOutcome.Pending);
            var wait = rig.Next();
            Assert.Equal((RequestKind.Wait, id), (wait.Kind, wait.OrderId));
        }
    }

    [Fact]
    public void Zero_cannot_be_submitted_and_nothing_is_sent()
    {
        var rig = new Rig().Ready();
        rig.Keys("000D");
        rig.NoRequest();
        Assert.Equal(AppState.Idle, rig.App.State);
    }

    [Fact]
    public void Cancel_while_showing_the_code_waits_for_the_poll_then_cancels_and_shows_cancelled()
    {
        var rig = new Rig().Ready();
        string id = rig.ShowCode();
        rig.Keys("A");
        Assert.Null(rig.Model.Qr); // the code leaves the panel at once: nobody can scan it any more
        rig.NoRequest();           // the long poll in flight answers first
        rig.Reply(GatewayOutcome.Pending);
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, id), (cancel.Kind, cancel.OrderId));
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal(ScreenId.Cancelled, rig.Model.Screen);
        Assert.Equal(Reason.CancelledByCashier, rig.Model.Reason);
    }

    [Fact]
    public void Cancel_while_showing_the_code_ends_the_poll_at_once_and_sends_the_cancel_without_waiting()
    {
        var rig = new Rig().Ready();
        string id = rig.ShowCode();
        Assert.False(rig.App.TakeAbortWait());
        rig.Keys("A");
        Assert.True(rig.App.TakeAbortWait()); // the runner ends the long poll the worker holds
        rig.Reply(GatewayOutcome.Unknown, error: GatewayErrors.Aborted);
        var cancel = rig.Next(); // at once: no retry delay
        Assert.Equal((RequestKind.Cancel, id), (cancel.Kind, cancel.OrderId));
        rig.Reply(GatewayOutcome.Paid); // the tourist won the race: the cancel's answer says so
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
    }

    [Fact]
    public void Cancel_before_the_worker_took_the_create_replaces_it_so_nothing_is_created()
    {
        var rig = new Rig().Ready();
        rig.Keys("500D"); // the create is queued; the worker has not taken it yet
        rig.Keys("A");
        var cancel = rig.Next();
        Assert.Equal(RequestKind.Cancel, cancel.Kind);
        rig.NoRequest();
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal((ScreenId.Cancelled, Reason.CancelledByCashier), (rig.Model.Screen, rig.Model.Reason));
    }

    [Fact]
    public void A_payment_arriving_while_cancelling_shows_PAID()
    {
        var rig = new Rig().Ready();
        rig.ShowCode();
        rig.Keys("A");
        rig.Reply(GatewayOutcome.Pending);
        Assert.Equal(RequestKind.Cancel, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Paid);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
    }

    [Fact]
    public void A_payment_reported_by_the_poll_in_flight_wins_over_the_cancel_key()
    {
        var rig = new Rig().Ready();
        rig.ShowCode();
        rig.Keys("A");
        rig.Reply(GatewayOutcome.Paid);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
        rig.NoRequest();
    }

    [Fact]
    public void Cancel_pressed_while_creating_cancels_the_created_order_without_showing_its_code()
    {
        var rig = new Rig().Ready();
        rig.Keys("500D");
        var create = rig.Next();
        rig.Keys("A");
        rig.NoRequest();
        rig.Reply(GatewayOutcome.Pending, code: Code);
        Assert.NotEqual(ScreenId.Qr, rig.Model.Screen);
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, create.OrderId), (cancel.Kind, cancel.OrderId));
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal(ScreenId.Cancelled, rig.Model.Screen);
    }

    [Fact]
    public void The_countdown_runs_and_an_expired_code_is_cancelled_and_shown_expired()
    {
        var rig = new Rig(s => s.OrderExpirySeconds = 60).Ready();
        rig.Keys("100D");
        rig.Next();
        rig.Reply(GatewayOutcome.Pending, code: Code, expiresIn: 60);
        rig.Next(); // wait
        rig.Tick(10_500);
        Assert.Equal(50, rig.Model.SecondsLeft);
        rig.Reply(GatewayOutcome.Pending);
        rig.Next(); // next wait
        rig.Tick(50_000);
        Assert.Equal(0, rig.Model.SecondsLeft);
        Assert.Equal(AppState.Closing, rig.App.State);
        rig.Reply(GatewayOutcome.Pending);
        Assert.Equal(RequestKind.Cancel, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Expired);
        Assert.Equal(ScreenId.Expired, rig.Model.Screen);
        rig.Tick(rig.Settings.EndedScreenTimeoutMs);
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
    }

    [Fact]
    public void An_unknown_create_is_cancelled_with_the_same_id_and_never_shows_PAID_while_the_network_is_down()
    {
        var rig = new Rig().Ready();
        rig.Keys("999D");
        string id = rig.Next().OrderId!;
        rig.Reply(GatewayOutcome.Unknown, error: GatewayErrors.Timeout);
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, id), (cancel.Kind, cancel.OrderId));
        rig.Reply(GatewayOutcome.Unknown, error: GatewayErrors.Network);
        Assert.Equal(ScreenId.NetworkError, rig.Model.Screen);
        rig.NoRequest();
        rig.Keys("D");             // the cashier cannot start another sale over an unsettled one
        rig.NoRequest();
        rig.Tick(rig.Settings.RetryDelayMs);
        Assert.Equal((RequestKind.Cancel, id), (rig.Next().Kind, rig.Request.OrderId));
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal(ScreenId.Failed, rig.Model.Screen);
        Assert.Equal(Reason.GatewayUnreachable, rig.Model.Reason);
    }

    [Fact]
    public void A_create_for_an_order_the_gateway_never_saw_ends_as_failed_with_nothing_charged()
    {
        var rig = new Rig().Ready();
        rig.Keys("999D");
        rig.Next();
        rig.Reply(GatewayOutcome.Unknown, error: GatewayErrors.Network);
        rig.Next();
        rig.Reply(GatewayOutcome.Rejected, error: GatewayErrors.UnknownOrder);
        Assert.Equal(ScreenId.Failed, rig.Model.Screen);
    }

    [Fact]
    public void A_signed_refusal_to_create_ends_as_failed_without_a_cancel()
    {
        var rig = new Rig().Ready();
        rig.Keys("999D");
        rig.Next();
        rig.Reply(GatewayOutcome.Rejected, error: "amount_too_large");
        Assert.Equal(ScreenId.Failed, rig.Model.Screen);
        Assert.Equal("amount_too_large", rig.Model.ReasonDetail);
        rig.NoRequest();
    }

    [Fact]
    public void Losing_the_gateway_while_the_code_is_up_keeps_the_code_and_asks_again_later()
    {
        var rig = new Rig().Ready();
        string id = rig.ShowCode();
        rig.Reply(GatewayOutcome.Unknown, error: GatewayErrors.Timeout);
        Assert.Equal(ScreenId.Qr, rig.Model.Screen);
        rig.NoRequest();
        rig.Tick(rig.Settings.RetryDelayMs - 1);
        rig.NoRequest();
        rig.Tick(1);
        Assert.Equal((RequestKind.Wait, id), (rig.Next().Kind, rig.Request.OrderId));
        rig.Reply(GatewayOutcome.Paid);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
    }

    [Fact]
    public void A_slow_gateway_is_shown_on_the_creating_screen()
    {
        var rig = new Rig().Ready();
        rig.Keys("5D");
        rig.Next();
        rig.Tick(rig.Settings.SlowGatewayMs - 1);
        Assert.Equal(Reason.None, rig.Model.Reason);
        rig.Tick(1);
        Assert.Equal(Reason.GatewayTimeout, rig.Model.Reason);
        Assert.Equal(ScreenId.Creating, rig.Model.Screen);
    }

    [Fact]
    public void A_payment_code_needing_the_largest_version_that_fits_the_panel_is_shown()
    {
        var rig = new Rig().Ready();
        rig.Keys("12500D");
        rig.Next();
        string longCode = "https://qr.alipay.com/" + new string('x', 290); // byte mode, above version 10-L's 271 bytes
        rig.Reply(GatewayOutcome.Pending, code: longCode);
        Assert.Equal(ScreenId.Qr, rig.Model.Screen);
        Assert.Equal(11, rig.Model.Qr!.Version);
        Assert.Equal(RequestKind.Wait, rig.Next().Kind);
    }

    [Fact]
    public void Each_sale_gets_a_new_order_id()
    {
        var rig = new Rig().Ready();
        string first = rig.ShowCode();
        rig.Reply(GatewayOutcome.Paid);
        rig.AcknowledgePaid();
        string second = rig.ShowCode("700D");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void After_a_restart_an_open_order_is_settled_and_its_outcome_shown_until_acknowledged()
    {
        var rig = new Rig();
        rig.App.Start(true, null!);
        rig.Next();
        var list = new OpenOrderList { Outcome = GatewayOutcome.Ok };
        list.Add("T1-old-000001");
        rig.App.OnOpenOrders(list);
        var query = rig.Next();
        Assert.Equal((RequestKind.Query, "T1-old-000001"), (query.Kind, query.OrderId));
        rig.Reply(GatewayOutcome.Pending, amount: 4200);
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, "T1-old-000001", 4200L), (cancel.Kind, cancel.OrderId, cancel.AmountMinor));
        rig.Reply(GatewayOutcome.Paid);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen); // the tourist paid during the restart
        rig.Tick(600_000);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
        rig.Keys("D");
        Assert.Equal(AppState.Idle, rig.App.State);
    }

    [Fact]
    public void After_a_restart_an_unpaid_open_order_is_cancelled_and_shown_as_stopped_by_the_restart()
    {
        var rig = new Rig();
        rig.App.Start(true, null!);
        rig.Next();
        var list = new OpenOrderList { Outcome = GatewayOutcome.Ok };
        list.Add("T1-old-000002");
        rig.App.OnOpenOrders(list);
        rig.Next();
        rig.Reply(GatewayOutcome.Pending, amount: 990);
        Assert.Equal(RequestKind.Cancel, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal((ScreenId.Cancelled, Reason.InterruptedByRestart), (rig.Model.Screen, rig.Model.Reason));
        rig.Tick(600_000);
        Assert.Equal(ScreenId.Cancelled, rig.Model.Screen); // waits for the cashier: they did not see it end
        rig.Keys("D");
        Assert.Equal(AppState.Idle, rig.App.State);
    }

    [Fact]
    public void An_unreachable_gateway_at_start_up_is_asked_again_and_takes_no_sale_meanwhile()
    {
        var rig = new Rig();
        rig.App.Start(true, null!);
        rig.Next();
        rig.App.OnOpenOrders(new OpenOrderList { Outcome = GatewayOutcome.Unknown, ErrorCode = GatewayErrors.Network });
        Assert.Equal(ScreenId.Boot, rig.Model.Screen);
        rig.Keys("100D");
        rig.NoRequest();
        rig.Tick(rig.Settings.RetryDelayMs);
        Assert.Equal(RequestKind.ListOpen, rig.Next().Kind);
    }

    [Fact]
    public void A_failed_self_test_names_the_item_and_takes_no_payments()
    {
        var rig = new Rig();
        rig.App.Start(false, "qr.annexI");
        Assert.Equal(ScreenId.SelfTestFailed, rig.Model.Screen);
        Assert.Equal("qr.annexI", rig.Model.FailedItem);
        Assert.Equal(RequestKind.ListOpen, rig.Next().Kind); // orders left open are still settled
        rig.App.OnOpenOrders(new OpenOrderList { Outcome = GatewayOutcome.Ok });
        Assert.Equal(ScreenId.SelfTestFailed, rig.Model.Screen);
        rig.Keys("100D");
        rig.NoRequest();
        Assert.Equal(ScreenId.SelfTestFailed, rig.Model.Screen);
    }

    [Fact]
    public void A_failed_self_test_still_shows_a_PAID_that_came_in_during_the_restart()
    {
        var flash = new MemorySlot();
        flash.Write(SaleJournal.Format("T1-old-000004", 3000, "NOK"));
        var rig = new Rig(flash: flash);
        rig.App.Start(false, "display.amountScreen");
        rig.Next();
        rig.App.OnOpenOrders(new OpenOrderList { Outcome = GatewayOutcome.Ok });
        Assert.Equal(RequestKind.Query, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Paid, amount: 3000);
        Assert.Equal(ScreenId.Paid, rig.Model.Screen);
        rig.AcknowledgePaid();
        Assert.Equal(ScreenId.SelfTestFailed, rig.Model.Screen);
    }

    [Fact]
    public void Hash_shows_the_last_transaction()
    {
        var rig = new Rig().Ready();
        string id = rig.ShowCode("4250D");
        rig.Reply(GatewayOutcome.Paid);
        rig.AcknowledgePaid();
        rig.Keys("#");
        Assert.Equal(ScreenId.LastTransaction, rig.Model.Screen);
        Assert.Equal(ScreenId.Paid, rig.Model.LastOutcome);
        Assert.EndsWith(rig.Model.OrderId!, id);
        Assert.StartsWith("42,50", new string(rig.Model.AmountChars, 0, rig.Model.AmountLength));
    }

    [Fact]
    public void The_technician_menu_needs_the_devices_PIN_and_locks_after_three_wrong_ones()
    {
        var rig = new Rig().Ready();
        rig.Keys("*");
        Assert.Equal(ScreenId.PinEntry, rig.Model.Screen);
        rig.Keys("12");
        Assert.Equal(2, rig.Model.PinDigits);
        rig.Keys("34D");
        rig.Keys("1111D");
        rig.Keys("0000D");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen); // locked out
        rig.Keys("*");
        Assert.Equal(ScreenId.TechRefused, rig.Model.Screen); // the panel says it is locked (Counter experience tests)
        rig.Keys("A");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
        rig.Tick(rig.Settings.PinLockoutMs);
        rig.Keys("*2468D");
        Assert.Equal(ScreenId.TechMenu, rig.Model.Screen);
        rig.Keys("2");
        Assert.Equal(RequestKind.Ping, rig.Next().Kind);
        rig.App.OnReply(new GatewayReply { Outcome = GatewayOutcome.Ok, RoundTripMs = 12 });
        Assert.Contains(rig.Model.MenuLines.Take(rig.Model.MenuLineCount), l => l.Contains("12 ms"));
    }

    [Fact]
    public void The_technicians_self_test_runs_at_the_worker_and_its_verdict_appears_when_it_answers()
    {
        var rig = new Rig().Ready();
        rig.Keys("*2468D5");
        Assert.Equal(RequestKind.SelfTest, rig.Next().Kind); // the key press itself ran nothing
        Assert.Equal(AppState.TechSelfTest, rig.App.State);
        Assert.Equal(new[] { "Selvtest", "Venter..." }, rig.Model.MenuLines.Take(rig.Model.MenuLineCount));
        rig.Keys("A");
        Assert.Equal(AppState.TechSelfTest, rig.App.State); // the page waits for the answer

        var report = new Terminal.Diagnostics.SelfTestReport { PrintToConsole = false };
        report.Check("config.parse", r => r.ExpectText("a", "b"));
        report.Check("qr.encode", r => r.ExpectText("a", "a"));
        rig.App.OnSelfTestDone(report);
        Assert.Equal(new[] { "Selvtest", "FAIL 1/2", "config.parse" }, rig.Model.MenuLines.Take(rig.Model.MenuLineCount));
        rig.Keys("A");
        Assert.Equal(AppState.TechMenu, rig.App.State);
    }

    [Fact]
    public void A_technician_test_never_replaces_a_request_of_the_recovery_after_a_restart()
    {
        var rig = new Rig();
        rig.App.Start(false, "display.amountScreen"); // no payments, but open orders are still settled
        rig.Keys("*2468D5");                           // the list of open orders is still queued for the worker
        Assert.Equal(AppState.TechMenu, rig.App.State);
        Assert.Equal(RequestKind.ListOpen, rig.Next().Kind);
        rig.NoRequest();
        Assert.Contains(rig.Log.Lines, l => l.StartsWith("Technician test not started", StringComparison.Ordinal));
    }

    [Fact]
    public void The_technicians_timing_probe_runs_at_the_worker_and_shows_its_figures()
    {
        var rig = new Rig().Ready();
        rig.Keys("*2468D6");
        Assert.Equal(RequestKind.Probe, rig.Next().Kind);
        var report = new Terminal.Diagnostics.ProbeReport { PrintToConsole = false };
        report.Time("display.render.amount", 1, () => { });
        rig.App.OnProbeDone(report);
        Assert.Equal(2, rig.Model.MenuLineCount); // the item's full name, then its time in ms
        Assert.Equal("display.render.amount", rig.Model.MenuLines[0]);
        Assert.EndsWith(" ms", rig.Model.MenuLines[1]);
    }

    [Fact]
    public void The_technicians_info_page_shows_the_wall_clocks_time()
    {
        var rig = new Rig().Ready(); // the wall clock reads 1 790 000 000 s: 2026-09-21 14:13:20 UTC
        rig.Keys("*2468D1");
        Assert.Contains("UTC 2026-09-21 14:13", rig.Model.MenuLines.Take(rig.Model.MenuLineCount));
        Assert.Equal(AppState.TechInfo, rig.App.State);
        Assert.True(AppState.IsTechnician(rig.App.State));
    }

    [Fact]
    public void Without_a_provisioned_PIN_the_technician_menu_stays_locked()
    {
        var rig = new Rig(s => s.TechnicianPin = null).Ready();
        rig.Keys("*");
        Assert.Equal(ScreenId.TechRefused, rig.Model.Screen);
        Assert.Equal(0, rig.Model.LockedSeconds); // "no PIN provisioned", not a lockout
        rig.Keys("0000D");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
        rig.NoRequest();
    }

    [Fact]
    public void An_idle_terminal_and_amount_keys_allocate_nothing()
    {
        var rig = new Rig().Ready();
        rig.Keys("1B");
        rig.Tick(1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) rig.Tick(5);
        for (int i = 0; i < 1_000; i++) rig.Keys("12B" + "B");
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
