using Terminal.App;
using Terminal.Drivers.Fakes;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Ui;
using Xunit;

namespace Terminal.Tests.App;

/// <summary>
/// Issue 16: the manager's refund behind the technician PIN, driven through the state machine (keys, the
/// worker's answers and clock ticks in; screen and requests out). The same flows run end to end through the
/// virtual terminal and the real gateway server in EndToEnd/TerminalRefundTests.
/// </summary>
public partial class PosAppTests
{
    private const string SaleA = "T1-0102030405060708-000004";
    private const string SaleB = "T1-0102030405060708-000002";

    private static RecentSales Sales(params (string Id, long Amount, long Refunded)[] sales)
    {
        var list = new RecentSales();
        foreach (var s in sales) list.Add(s.Id, s.Amount, CurrencyTable.Nok, s.Refunded, 1_790_000_000);
        list.Outcome = GatewayOutcome.Ok;
        return list;
    }

    /// <summary>PIN, menu 7: the gateway is asked for the last paid sales, and answers with these.</summary>
    private static void OpenRefundList(Rig rig, RecentSales sales)
    {
        rig.Keys("*2468D7");
        Assert.Equal(ScreenId.RefundList, rig.Model.Screen);
        Assert.Equal(RequestKind.RecentSales, rig.Next().Kind);
        rig.App.OnRecentSales(sales);
    }

    private static void RefundReply(Rig rig, int outcome, string? error = null) =>
        rig.App.OnReply(new GatewayReply
        {
            Outcome = outcome, OrderId = rig.Request.OrderId, AmountMinor = rig.Request.AmountMinor, Currency = rig.Request.CurrencyCode, ErrorCode = error,
        });

    private static string Amount(ScreenModel m) => new(m.AmountChars, 0, m.AmountLength);

    [Fact]
    public void A_manager_chooses_a_sale_confirms_the_proposed_amount_and_sees_REFUNDED_with_the_amount()
    {
        var rig = new Rig().Ready();
        OpenRefundList(rig, Sales((SaleA, 12500, 0), (SaleB, 4990, 1000)));
        Assert.Equal(2, rig.Model.MenuLineCount);
        Assert.Equal("1    125,00  000004", rig.Model.MenuLines[0]);
        Assert.Equal("2     49,90  000002", rig.Model.MenuLines[1]);

        rig.Keys("2");
        Assert.Equal((ScreenId.RefundAmount, "39,90"), (rig.Model.Screen, Amount(rig.Model))); // proposed: what is still refundable
        rig.Keys("D");
        Assert.Equal(ScreenId.RefundConfirm, rig.Model.Screen);
        rig.NoRequest(); // nothing is sent before the confirmation
        Assert.Null(rig.RefundFlash.Read());

        rig.Keys("D");
        AppRequest refund = rig.Next();
        Assert.Equal((RequestKind.Refund, SaleB, 3990L, "NOK"), (refund.Kind, refund.OrderId, refund.AmountMinor, refund.CurrencyCode));
        Assert.Matches(@"^T1-0102030405060708-R\d{6}$", refund.RefundId);
        Assert.Equal(SaleJournal.FormatRefund(refund.RefundId!, SaleB, 3990, "NOK"), rig.RefundFlash.Read()); // journalled before it went out
        Assert.Equal(ScreenId.Refunding, rig.Model.Screen);

        RefundReply(rig, GatewayOutcome.Refunded);
        Assert.Equal((ScreenId.Refunded, "39,90", "NOK"), (rig.Model.Screen, Amount(rig.Model), rig.Model.CurrencyCode));
        Assert.Null(rig.RefundFlash.Read()); // final: forgotten
        rig.Keys("5");
        Assert.Equal(ScreenId.TechMenu, rig.Model.Screen);
        rig.NoRequest();
    }

    [Fact]
    public void Keying_an_amount_replaces_the_proposal_and_a_key_past_what_is_refundable_is_refused()
    {
        var rig = new Rig().Ready();
        OpenRefundList(rig, Sales((SaleA, 12500, 2500)));
        rig.Keys("1");
        Assert.Equal("100,00", Amount(rig.Model));
        rig.Keys("5");
        Assert.Equal("0,05", Amount(rig.Model)); // the first digit replaced the proposal
        rig.Keys("0000");
        Assert.Equal("50,00", Amount(rig.Model)); // the fourth 0 was refused: 500,00 is more than the 100,00 still refundable
        Assert.True(rig.Model.AmountOverflowCue);
        rig.Keys("BBBB1C");
        Assert.Equal("1,00", Amount(rig.Model));
        rig.Keys("DD");
        Assert.Equal(100L, rig.Next().AmountMinor);
    }

    [Fact]
    public void A_refund_the_gateway_refuses_is_shown_with_its_reason_and_nothing_is_kept()
    {
        var rig = new Rig().Ready();
        OpenRefundList(rig, Sales((SaleA, 12500, 0)));
        rig.Keys("1DD");
        rig.Next();
        RefundReply(rig, GatewayOutcome.Rejected, GatewayErrors.RefundExceedsPaid);
        Assert.Equal((ScreenId.RefundRefused, Reason.GatewayRejected, GatewayErrors.RefundExceedsPaid),
            (rig.Model.Screen, rig.Model.Reason, rig.Model.ReasonDetail));
        Assert.Null(rig.RefundFlash.Read());
        rig.Tick(60_000);
        rig.NoRequest(); // a refusal is final: never asked again
    }

    [Fact]
    public void An_unknown_outcome_shows_refund_pending_and_is_asked_again_with_the_same_refund_id_until_it_is_final()
    {
        var rig = new Rig().Ready();
        OpenRefundList(rig, Sales((SaleA, 12500, 0)));
        rig.Keys("1DD");
        string refundId = rig.Next().RefundId!;

        RefundReply(rig, GatewayOutcome.Unknown, GatewayErrors.Timeout);
        Assert.Equal((ScreenId.RefundPending, Reason.RefundNotConfirmed), (rig.Model.Screen, rig.Model.Reason));
        Assert.NotEqual(ScreenId.Refunded, rig.Model.Screen);
        rig.Keys("D7");
        Assert.Equal(ScreenId.RefundPending, rig.Model.Screen); // only Cancel leaves a pending refund
        rig.NoRequest();
        rig.Tick(rig.Settings.RetryDelayMs);
        Assert.Equal((RequestKind.Refund, refundId), (rig.Next().Kind, rig.Request.RefundId));

        RefundReply(rig, GatewayOutcome.Unknown, GatewayErrors.RefundPending); // recorded at the gateway, Alipay not done yet
        rig.Tick(rig.Settings.RetryDelayMs);
        rig.NoRequest(); // the delay doubles
        rig.Tick(rig.Settings.RetryDelayMs);
        Assert.Equal(refundId, rig.Next().RefundId);

        RefundReply(rig, GatewayOutcome.Rejected, GatewayErrors.Replayed); // a refusal asking again can cure: still pending
        Assert.Equal(ScreenId.RefundPending, rig.Model.Screen);
        rig.Tick(rig.Settings.MaxRetryDelayMs);
        Assert.Equal(refundId, rig.Next().RefundId);
        RefundReply(rig, GatewayOutcome.Refunded);
        Assert.Equal(ScreenId.Refunded, rig.Model.Screen);
        Assert.Null(rig.RefundFlash.Read());
    }

    [Fact]
    public void A_pending_refund_left_by_the_manager_or_a_power_cut_is_sent_again_with_its_id_before_any_new_refund()
    {
        var refundFlash = new MemorySlot();
        var rig = new Rig(refundFlash: refundFlash).Ready();
        OpenRefundList(rig, Sales((SaleA, 12500, 0)));
        rig.Keys("1C"); // 12500 proposed, then typed: 00
        rig.Keys("5000DD");
        AppRequest first = rig.Next();
        string refundId = first.RefundId!;
        RefundReply(rig, GatewayOutcome.Unknown, GatewayErrors.Network);
        rig.Keys("A");
        Assert.Equal(ScreenId.TechMenu, rig.Model.Screen); // the manager left; the journal keeps the refund
        rig.Keys("7");
        Assert.Equal((RequestKind.Refund, refundId, 5000L), (rig.Next().Kind, rig.Request.RefundId, rig.Request.AmountMinor));
        RefundReply(rig, GatewayOutcome.Unknown, GatewayErrors.Timeout);

        // Power cut: a new app on the same flash, a new boot (its ids would differ).
        var after = new Rig(refundFlash: refundFlash, clock: new FakeClock(0)).Ready();
        Assert.Contains(after.Log.Lines, l => l.Contains(refundId) && l.Contains("not confirmed before the restart"));
        after.Keys("*2468D7");
        AppRequest resent = after.Next();
        Assert.Equal((RequestKind.Refund, refundId, SaleA, 5000L, "NOK"), (resent.Kind, resent.RefundId, resent.OrderId, resent.AmountMinor, resent.CurrencyCode));
        RefundReply(after, GatewayOutcome.Refunded);
        Assert.Equal((ScreenId.Refunded, "50,00"), (after.Model.Screen, Amount(after.Model)));
        Assert.Null(refundFlash.Read());

        after.Keys("D7"); // only now a new refund: the list again
        Assert.Equal(RequestKind.RecentSales, after.Next().Kind);
    }

    [Fact]
    public void A_damaged_refund_record_is_reported_and_cleared_never_sent()
    {
        var refundFlash = new MemorySlot();
        refundFlash.Write(SaleJournal.FormatRefund("T1-0102030405060708-R000009", SaleA, 500, "NOK").Replace("500", "501")); // checksum no longer holds
        var rig = new Rig(refundFlash: refundFlash).Ready();
        rig.Keys("*2468D7");
        Assert.Equal(RequestKind.RecentSales, rig.Next().Kind); // the list, not the damaged refund
        Assert.Contains(rig.Log.Lines, l => l.Contains("refund journal in flash is corrupt"));
        Assert.Null(refundFlash.Read());
    }

    [Fact]
    public void The_sale_journal_takes_no_refund_record_and_the_refund_journal_no_sale_record()
    {
        var slot = new MemorySlot();
        slot.Write(SaleJournal.FormatRefund("T1-0102030405060708-R000009", SaleA, 500, "NOK"));
        Assert.Equal(SaleJournal.Corrupt, new SaleJournal(slot).Read());
        var refunds = SaleJournal.ForRefunds(slot);
        Assert.Equal(SaleJournal.Valid, refunds.Read());
        Assert.Equal(("T1-0102030405060708-R000009", SaleA, 500L, "NOK"), (refunds.RefundId, refunds.OrderId, refunds.AmountMinor, refunds.CurrencyCode));
        slot.Write(SaleJournal.Format(SaleA, 500, "NOK"));
        Assert.Equal(SaleJournal.Corrupt, refunds.Read());
    }

    [Fact]
    public void Cancel_backs_out_one_step_at_a_time_and_nothing_is_sent_or_kept()
    {
        var rig = new Rig().Ready();
        OpenRefundList(rig, Sales((SaleA, 12500, 0), (SaleB, 4990, 0)));
        rig.Keys("2");
        rig.Keys("A");
        Assert.Equal((ScreenId.RefundList, 2), (rig.Model.Screen, rig.Model.MenuLineCount)); // the list as it was, not asked again
        rig.Keys("1");
        rig.Keys("B");
        Assert.Equal("12,50", Amount(rig.Model));
        rig.Keys("D");
        Assert.Equal(ScreenId.RefundConfirm, rig.Model.Screen);
        rig.Keys("A");
        Assert.Equal((ScreenId.RefundAmount, "12,50"), (rig.Model.Screen, Amount(rig.Model))); // the amount keyed is kept
        rig.Keys("AA");
        Assert.Equal(ScreenId.TechMenu, rig.Model.Screen);
        rig.Keys("A");
        Assert.Equal(ScreenId.Amount, rig.Model.Screen);
        rig.NoRequest();
        Assert.Null(rig.RefundFlash.Read());
        Assert.Null(rig.Flash.Read());
    }

    [Fact]
    public void Wrong_PINs_lock_the_refund_away_with_the_rest_of_the_menu()
    {
        var rig = new Rig().Ready();
        rig.Keys("*1111D7");
        Assert.Equal(ScreenId.PinEntry, rig.Model.Screen); // a wrong PIN opens nothing; 7 is just a digit of the next try
        rig.Keys("A*1111D*1111D");
        rig.Keys("*");
        Assert.Equal(ScreenId.TechRefused, rig.Model.Screen);
        rig.Keys("7");
        rig.NoRequest();
        Assert.NotEqual(ScreenId.RefundList, rig.Model.Screen);
    }

    [Fact]
    public void A_sale_refunded_in_full_is_not_sent_and_a_refund_that_cannot_be_journalled_is_refused_before_sending()
    {
        var rig = new Rig().Ready();
        OpenRefundList(rig, Sales((SaleA, 12500, 12500), (SaleB, 4990, 0)));
        rig.Keys("1");
        Assert.Equal((ScreenId.RefundRefused, Reason.NothingToRefund), (rig.Model.Screen, rig.Model.Reason));
        rig.NoRequest();

        rig.Keys("D7");
        Assert.Equal(RequestKind.RecentSales, rig.Next().Kind);
        rig.App.OnRecentSales(Sales((SaleA, 12500, 12500), (SaleB, 4990, 0)));
        rig.RefundFlash.FailWrites = true;
        rig.Keys("2DD");
        rig.NoRequest();
        Assert.Equal((ScreenId.RefundRefused, Reason.InternalError, ManagerRefund.JournalWriteDetail),
            (rig.Model.Screen, rig.Model.Reason, rig.Model.ReasonDetail));
    }

    [Fact]
    public void The_list_says_when_the_gateway_cannot_be_asked_or_has_no_paid_sale_and_pages_with_the_hash_key()
    {
        var failed = new Rig().Ready();
        OpenRefundList(failed, new RecentSales { Outcome = GatewayOutcome.Unknown, ErrorCode = GatewayErrors.Timeout });
        Assert.Equal((1, Texts.Get(Texts.TestFailed, Language.Norwegian) + GatewayErrors.Describe(GatewayErrors.Timeout)),
            (failed.Model.MenuLineCount, failed.Model.MenuLines[0]));
        failed.Keys("1");
        failed.NoRequest();
        Assert.Equal(ScreenId.RefundList, failed.Model.Screen);

        var none = new Rig().Ready();
        OpenRefundList(none, Sales());
        Assert.Equal(Texts.Get(Texts.NoPaidSales, Language.Norwegian), none.Model.MenuLines[0]);

        var five = new Rig().Ready();
        OpenRefundList(five, Sales(("T1-x-000005", 500, 0), ("T1-x-000004", 400, 0), ("T1-x-000003", 300, 0), ("T1-x-000002", 200, 0), ("T1-x-000001", 100, 0)));
        Assert.Equal((5, 0), (five.Model.MenuLineCount, five.Model.MenuFirstLine));
        five.Keys("#");
        Assert.Equal(4, five.Model.MenuFirstLine); // the fifth sale
        five.Keys("#");
        Assert.Equal(0, five.Model.MenuFirstLine);
        five.Keys("5DD");
        Assert.Equal(("T1-x-000001", 100L), (five.Next().OrderId, five.Request.AmountMinor));
    }
}
