using Terminal.App;
using Terminal.Drivers.Fakes;
using Terminal.Gateway;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>
/// Issue 14, defects 1 and 2: the sale journal names its sale, a failed write is handled, a corrupt record is
/// reported and cleared, and every recovery after a restart ends.
/// </summary>
public partial class PosAppTests
{
    private static Rig Restart(MemorySlot flash, OpenOrderList? list = null)
    {
        var rig = new Rig(flash: flash);
        rig.App.Start(true, null!);
        Assert.Equal(RequestKind.ListOpen, rig.Next().Kind);
        rig.App.OnOpenOrders(list ?? new OpenOrderList { Outcome = GatewayOutcome.Ok });
        return rig;
    }

    [Fact]
    public void The_journal_names_the_sale_by_order_id_amount_and_currency_with_a_version_and_checksum()
    {
        var flash = new MemorySlot();
        var rig = new Rig(flash: flash).Ready();
        rig.Keys("4250D");
        string id = rig.Next().OrderId!;
        var journal = new SaleJournal(flash);
        Assert.Equal(SaleJournal.Valid, journal.Read());
        Assert.Equal((id, 4250L, "NOK"), (journal.OrderId, journal.AmountMinor, journal.CurrencyCode));
        Assert.StartsWith(SaleJournal.FormatVersion + ";", flash.Read());
    }

    [Fact]
    public void A_sale_that_cannot_be_journalled_is_refused_with_a_clear_screen_and_nothing_is_sent()
    {
        var flash = new MemorySlot();
        var rig = new Rig(flash: flash).Ready();
        flash.FailWrites = true;
        rig.Keys("500D");
        rig.NoRequest(); // no create: a power cut now could never be recovered from the journal
        Assert.Equal((ScreenId.Failed, Reason.InternalError, SaleFlow.JournalWriteDetail),
            (rig.Model.Screen, rig.Model.Reason, rig.Model.ReasonDetail));
        Assert.Contains(rig.Log.Lines, l => l.Contains("could not record the sale"));
        flash.FailWrites = false;
        rig.Keys("D");
        rig.Keys("500D");
        Assert.Equal(RequestKind.Create, rig.Next().Kind); // the flash works again: so does the counter
    }

    [Fact]
    public void A_journal_write_the_flash_refuses_once_is_retried_and_the_sale_goes_on()
    {
        var flash = new MemorySlot();
        var rig = new Rig(flash: flash).Ready();
        flash.FailNextWrites = SaleJournal.WriteAttempts - 1;
        rig.Keys("500D");
        var create = rig.Next();
        Assert.Equal(RequestKind.Create, create.Kind);
        Assert.Equal(SaleJournal.Format(create.OrderId!, 500, "NOK"), flash.Read());
    }

    [Fact]
    public void A_failed_clearing_write_never_makes_an_old_PAID_show_again_after_a_restart()
    {
        var flash = new MemorySlot();
        var rig = new Rig(flash: flash).Ready();
        string sale1 = rig.ShowCode("900D");
        rig.Reply(GatewayOutcome.Paid);
        flash.FailNextWrites = SaleJournal.WriteAttempts; // the flash refuses every try at clearing sale 1
        rig.AcknowledgePaid();
        Assert.Equal(AppState.Idle, rig.App.State);
        Assert.Contains(rig.Log.Lines, l => l.Contains("could not clear the sale journal"));
        rig.Keys("1200D");
        string sale2 = rig.Next().OrderId!; // sale 2 in progress at the power cut

        var after = Restart(flash);
        var query = after.Next();
        Assert.Equal((RequestKind.Query, sale2), (query.Kind, query.OrderId));
        Assert.DoesNotContain(after.Log.Lines, l => l.Contains(sale1));
        Assert.Contains(after.Log.Lines, l => l.Contains(sale2) && l.Contains(Terminal.Money.MoneyFormat.Format(1200, Terminal.Money.CurrencyTable.Nok, Terminal.Language.English)));
    }

    public static TheoryData<string, string> CorruptRecords()
    {
        string good = SaleJournal.Format("T1-0102030405060708-000001", 12500, "NOK");
        return new TheoryData<string, string>
        {
            { "garbage", "\u0001\u00ff#!garbage" },
            { "truncated id", good.Substring(0, 14) },
            { "128 non-ASCII characters", new string('\u00e6', 128) },
            { "bad checksum", good.Substring(0, good.Length - 1) + (good[^1] == '0' ? "1" : "0") },
            { "an id too long to send", SaleJournal.Format(new string('A', 500), 100, "NOK") },
            { "another version", "J9" + good.Substring(2) },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptRecords))]
    public void A_corrupt_journal_is_reported_and_cleared_and_a_real_open_order_is_still_settled(string what, string record)
    {
        var flash = new MemorySlot();
        flash.Write(record);
        var list = new OpenOrderList { Outcome = GatewayOutcome.Ok };
        list.Add("T1-0102030405060708-000002"); // a real pending order the gateway still holds
        var rig = Restart(flash, list);
        Assert.True(flash.Read() == null, what + ": the corrupt record is cleared");
        Assert.Contains(rig.Log.Lines, l => l.Contains("sale journal in flash is corrupt"));
        var query = rig.Next(); // the corrupt record is never sent; the listed order is
        Assert.Equal((RequestKind.Query, "T1-0102030405060708-000002"), (query.Kind, query.OrderId));
        rig.Reply(GatewayOutcome.Pending, amount: 300);
        Assert.Equal(RequestKind.Cancel, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal((ScreenId.Cancelled, Reason.InterruptedByRestart), (rig.Model.Screen, rig.Model.Reason));
        rig.Keys("D");
        // then the cashier is told the journal was damaged, and the counter opens
        Assert.Equal((ScreenId.Failed, SaleFlow.JournalCorruptDetail), (rig.Model.Screen, rig.Model.ReasonDetail));
        rig.Keys("D");
        Assert.Equal(AppState.Idle, rig.App.State);
        rig.Keys("100D");
        Assert.Equal(RequestKind.Create, rig.Next().Kind);
    }

    [Fact]
    public void A_journal_the_flash_cannot_read_is_reported_to_the_cashier_never_taken_as_no_sale()
    {
        var flash = new MemorySlot();
        flash.Write(SaleJournal.Format("T1-0102030405060708-000001", 12500, "NOK")); // a sale was in progress
        flash.FailReads = true;
        var rig = Restart(flash);
        Assert.Contains(rig.Log.Lines, l => l.Contains("sale journal in flash is corrupt") && l.Contains("could not be read"));
        Assert.Equal((ScreenId.Failed, SaleFlow.JournalCorruptDetail), (rig.Model.Screen, rig.Model.ReasonDetail));
        flash.FailReads = false;
        rig.Keys("D");
        Assert.Equal(AppState.Idle, rig.App.State);
    }

    [Fact]
    public void An_open_order_id_too_long_or_odd_to_send_is_skipped_and_the_boot_ends()
    {
        var list = new OpenOrderList { Outcome = GatewayOutcome.Ok };
        list.Add(new string('\u00e6', 128)); // signed by the gateway, but the query would be too large to send
        list.Add("T1-old-000030");
        var rig = Restart(new MemorySlot(), list);
        Assert.Contains(rig.Log.Lines, l => l.Contains("never makes") && l.Contains("128 characters"));
        var query = rig.Next();
        Assert.Equal((RequestKind.Query, "T1-old-000030"), (query.Kind, query.OrderId));
        rig.Reply(GatewayOutcome.Expired, amount: 100);
        rig.Keys("D");
        Assert.Equal(AppState.Idle, rig.App.State);
    }

    [Fact]
    public void A_journalled_order_the_gateway_never_saw_is_cancelled_with_its_recorded_amount()
    {
        var flash = new MemorySlot();
        flash.Write(SaleJournal.Format("T1-lost-000010", 4400, "SEK"));
        var rig = Restart(flash);
        rig.Next();
        rig.Reply(GatewayOutcome.Rejected, error: GatewayErrors.UnknownOrder);
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, 4400L, "SEK"), (cancel.Kind, cancel.AmountMinor, cancel.CurrencyCode));
    }

    [Fact]
    public void An_order_from_the_gateways_list_is_cancelled_by_its_id_alone()
    {
        var list = new OpenOrderList { Outcome = GatewayOutcome.Ok };
        list.Add("T1-old-000020");
        var rig = Restart(new MemorySlot(), list);
        rig.Next();
        rig.Reply(GatewayOutcome.Rejected, error: GatewayErrors.UnknownOrder);
        var cancel = rig.Next();
        Assert.Equal((RequestKind.Cancel, "T1-old-000020", 0L, (string?)null), (cancel.Kind, cancel.OrderId, cancel.AmountMinor, cancel.CurrencyCode));
    }

    [Fact]
    public void A_definitive_refusal_of_the_recovery_cancel_ends_it_clears_the_journal_and_shows_why()
    {
        var flash = new MemorySlot();
        flash.Write(SaleJournal.Format("T1-lost-000011", 700, "NOK"));
        var rig = Restart(flash);
        rig.Next();
        rig.Reply(GatewayOutcome.Rejected, error: GatewayErrors.UnknownOrder);
        rig.Next();
        rig.Reply(GatewayOutcome.Rejected, error: "bad_request"); // what the old gateway answered, forever
        Assert.Equal((ScreenId.Failed, Reason.GatewayRejected, "bad_request"), (rig.Model.Screen, rig.Model.Reason, rig.Model.ReasonDetail));
        Assert.Null(flash.Read());
        rig.Tick(600_000);
        rig.NoRequest(); // no retry storm
        Assert.Equal(ScreenId.Failed, rig.Model.Screen); // waits for the cashier
        rig.Keys("D");
        Assert.Equal(AppState.Idle, rig.App.State);
    }

    [Fact]
    public void A_stale_timestamp_refusal_is_asked_again_but_a_conflict_is_not()
    {
        var rig = new Rig().Ready();
        string id = rig.ShowCode();
        rig.Keys("A");
        rig.Reply(GatewayOutcome.Pending); // the poll in flight
        Assert.Equal(RequestKind.Cancel, rig.Next().Kind);
        rig.Reply(GatewayOutcome.Rejected, error: GatewayErrors.StaleTimestamp);
        rig.Tick(rig.Settings.RetryDelayMs);
        Assert.Equal((RequestKind.Cancel, id), (rig.Next().Kind, rig.Request.OrderId));
        rig.Reply(GatewayOutcome.Rejected, error: GatewayErrors.OrderConflict);
        Assert.Equal((ScreenId.Failed, GatewayErrors.OrderConflict), (rig.Model.Screen, rig.Model.ReasonDetail));
        rig.Tick(600_000);
        rig.NoRequest();
    }

    [Fact]
    public void Retries_after_network_failures_back_off_doubling_up_to_a_bound()
    {
        var rig = new Rig().Ready();
        rig.Keys("999D");
        rig.Next();
        rig.Reply(GatewayOutcome.Unknown, error: GatewayErrors.Timeout);
        Assert.Equal(RequestKind.Cancel, rig.Next().Kind);
        long expected = rig.Settings.RetryDelayMs;
        var delays = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            rig.Reply(GatewayOutcome.Unknown, error: GatewayErrors.Network);
            long waited = 0;
            while (!rig.App.TakeRequest(rig.Request))
            {
                rig.Tick(100);
                waited += 100;
                Assert.True(waited <= 60_000, "no retry within a minute");
            }
            delays.Add(waited);
        }
        Assert.Equal(new long[] { 2000, 4000, 8000, 16000, 16000, 16000 }, delays);
        rig.Reply(GatewayOutcome.Cancelled);
        Assert.Equal(ScreenId.Failed, rig.Model.Screen);
    }
}
