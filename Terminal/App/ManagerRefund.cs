using Terminal.Drivers.Keypad;
using Terminal.Drivers.Sound;
using Terminal.Drivers.Storage;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// The manager's refund, behind the technician PIN (menu key 7): this terminal's last paid sales as the
    /// gateway lists them, choose one (digit keys; '#' shows the next lines), the amount (proposed: what is still
    /// refundable; keyed with the counter's <see cref="AmountEntry"/> rules), a confirmation, then the refund.
    /// Its rules (docs/gateway-protocol.md 6.2):
    /// - REFUNDED is shown only when the gateway client says Refunded (signed, fresh, this refund id, order, amount
    ///   and currency); a signed refusal is shown with its reason; anything else is "refund pending";
    /// - the refund id is made once, journalled in its own flash slot before the request is sent (a refund that
    ///   cannot be journalled is not sent), and every retry - after a network failure, after the manager left and
    ///   came back, after a power cut - sends that same id, until the gateway's answer is final; only then is the
    ///   journal cleared, and only then can a new refund (with a new id) start;
    /// - Cancel backs out one step at a time and nothing is sent before OK on the confirmation.
    /// Nothing here is kept per refund beyond the journal: the list is a <see cref="RecentSales"/> the runner makes
    /// per listing (fixed slots the client parses into), dropped when the manager leaves; the lines shown are the
    /// model's.
    /// </summary>
    public sealed class ManagerRefund
    {
        /// <summary>The refund's reason in the ledger (the keypad cannot type one); its operator is the manager.</summary>
        public const string LedgerReason = "refund at the terminal";
        public const string Operator = GatewayPaths.OperatorManager;

        /// <summary>The refund could not be journalled in flash: refused before anything was sent.</summary>
        public const string JournalWriteDetail = SaleFlow.JournalWriteDetail;

        private const int SendingPercent = 50;
        private const char MoreKey = Keycaps.LastTransaction; // '#': the next lines of the list
        private const int TailChars = 6;                       // the order counter, as on the PAID screen
        private const int AmountColumnChars = 9;               // "99 999,99"

        private readonly AppCore _core;
        private readonly OrderIds _orderIds;
        private readonly SaleJournal _journal;

        private RecentSales _sales;      // the gateway's list while the manager is in the refund screens
        private int _firstLine;
        private AmountEntry _entry;      // made per refund, for its maximum: a rare, deliberate action
        private bool _proposed;          // the entry still holds the proposed amount: a digit replaces it

        // The refund being asked for (from the chosen sale, or from the journal after a restart).
        private string _refundId;
        private string _orderId;
        private long _amountMinor;
        private Currency _currency;
        private long _retryAtMs = -1;
        private int _failuresInARow;

        public ManagerRefund(AppCore core, OrderIds orderIds, INonVolatileSlot refundSlot)
        {
            _core = core;
            _orderIds = orderIds;
            _journal = SaleJournal.ForRefunds(refundSlot);
            if (_journal.Read() == SaleJournal.Valid)
                _core.Log.Line("Refund " + _journal.RefundId + " of order " + _journal.OrderId + " was not confirmed before the restart; "
                    + "it is asked again, with the same id, when the manager opens Refund (* PIN 7).");
        }

        /// <summary>
        /// Menu key 7. A refund journalled earlier and not final yet is asked again first (same id); otherwise the
        /// gateway is asked for the last paid sales.
        /// </summary>
        public void Open()
        {
            if (_core.Busy)
            {
                _core.Log.Line("Refund not opened: the terminal is waiting for the gateway; try again shortly.");
                return;
            }
            int found = _journal.Read();
            if (found == SaleJournal.Valid)
            {
                _refundId = _journal.RefundId;
                _orderId = _journal.OrderId;
                _amountMinor = _journal.AmountMinor;
                _currency = CurrencyTable.FindByCode(_journal.CurrencyCode, _core.Settings.Currency);
                _failuresInARow = 0;
                _core.Log.Line("Refund " + _refundId + " is not final yet: asking the gateway again with the same id before anything else.");
                Send();
                return;
            }
            if (found == SaleJournal.Corrupt)
            {
                // Never sent: a refund the gateway recorded counts in its refunded total, so it cannot be made twice.
                _core.Log.Line("The refund journal in flash is corrupt (" + _journal.Problem + "); clearing it without sending it.");
                ClearJournal();
            }
            ShowList();
        }

        /// <summary>A key in a refund state; true when the manager left for the technician menu.</summary>
        public bool OnKey(char keycap)
        {
            switch (_core.State)
            {
                case AppState.RefundList: return OnListKey(keycap);
                case AppState.RefundAmount: OnAmountKey(keycap); return false;
                case AppState.RefundConfirm: OnConfirmKey(keycap); return false;
                case AppState.RefundResult:
                    if (_core.Busy) return false; // a pending refund is being asked again: its answer comes first
                    if (_retryAtMs >= 0 && keycap != Keycaps.Cancel) return false; // pending: Cancel leaves, the journal keeps it
                    _retryAtMs = -1;
                    return Leave();
                default:
                    return false; // refunding: the gateway's answer comes first
            }
        }

        /// <summary>Clock tick: a pending refund is asked again when its retry is due.</summary>
        public void OnTick()
        {
            if (_retryAtMs < 0 || _core.Busy || _core.Clock.NowMs < _retryAtMs) return;
            _retryAtMs = -1;
            _core.RequestRefund(_refundId, _orderId, _amountMinor, _currency.Code);
        }

        // ------------------------------------------------------------------ the list

        private void ShowList()
        {
            _sales = null;
            _firstLine = 0;
            SetLines(1);
            _core.Screen.SetMenuLine(0, Texts.Get(Texts.Waiting, _core.Settings.Language));
            _core.Enter(AppState.RefundList, ScreenId.RefundList);
            _core.Request(RequestKind.RecentSales, null, 0, null);
        }

        /// <summary>The gateway's list: one line per sale, or why there is none.</summary>
        public void OnRecentSales(RecentSales sales)
        {
            if (_core.State != AppState.RefundList) return; // the manager left meanwhile
            int language = _core.Settings.Language;
            if (sales.Outcome != GatewayOutcome.Ok)
            {
                _core.Log.Line("Refund: the gateway did not list the recent sales (" + GatewayErrors.Describe(sales.ErrorCode) + ").");
                SetLines(1);
                _core.Screen.SetMenuLine(0, Texts.Get(Texts.TestFailed, language) + GatewayErrors.Describe(sales.ErrorCode));
                _core.ScreenChanged();
                return;
            }
            _sales = sales;
            if (sales.Count == 0)
            {
                SetLines(1);
                _core.Screen.SetMenuLine(0, Texts.Get(Texts.NoPaidSales, language));
            }
            else
            {
                for (int i = 0; i < sales.Count; i++) _core.Screen.SetMenuLine(i, SaleLine(sales, i, language));
                SetLines(sales.Count);
            }
            _core.ScreenChanged();
        }

        /// <summary>"1  125,00  000017": the key, the amount paid, the order counter's tail.</summary>
        private static string SaleLine(RecentSales sales, int index, int language)
        {
            char[] line = new char[2 + AmountColumnChars + 2 + TailChars];
            for (int i = 0; i < line.Length; i++) line[i] = ' ';
            line[0] = (char)('1' + index);
            char[] amount = new char[MoneyFormat.MaxChars];
            int length = MoneyFormat.WriteNumber(sales.AmountMinor(index), sales.Currency(index), language, amount, 0);
            int start = 2 + AmountColumnChars - length;
            if (start < 2) start = 2;
            for (int i = 0; i < length && start + i < 2 + AmountColumnChars; i++) line[start + i] = amount[i];
            string orderId = sales.OrderId(index);
            int tail = orderId.Length < TailChars ? orderId.Length : TailChars;
            for (int i = 0; i < tail; i++) line[line.Length - tail + i] = orderId[orderId.Length - tail + i];
            return new string(line);
        }

        private bool OnListKey(char keycap)
        {
            if (keycap == Keycaps.Cancel) return Leave();
            if (_sales == null) return false; // still waiting, or the listing failed: Cancel only
            if (keycap == MoreKey && _sales.Count > ScreenModel.MenuVisibleLines)
            {
                _firstLine = _firstLine + ScreenModel.MenuVisibleLines < _sales.Count ? _firstLine + ScreenModel.MenuVisibleLines : 0;
                _core.Screen.MenuFirstLine = _firstLine;
                _core.ScreenChanged();
                return false;
            }
            int index = keycap - '1';
            if (index >= 0 && index < _sales.Count) Choose(index);
            return false;
        }

        private void Choose(int index)
        {
            _orderId = _sales.OrderId(index);
            _currency = _sales.Currency(index);
            long refundable = _sales.RefundableMinor(index);
            _core.Screen.OrderId = CounterScreens.ShortId(_orderId);
            if (refundable <= 0)
            {
                _core.Log.Line("Refund: order " + _orderId + " is already refunded in full; nothing sent.");
                _amountMinor = _sales.AmountMinor(index);
                ShowResult(ScreenId.RefundRefused, Ui.Reason.NothingToRefund, null);
                return;
            }
            _entry = new AmountEntry(_currency, refundable);
            _entry.StartAt(refundable);
            _proposed = true;
            ShowAmount();
        }

        // ------------------------------------------------------------------ amount and confirmation

        private void ShowAmount()
        {
            _core.Screen.AmountOverflowCue = _entry.ShowsOverflowCue;
            _core.Screen.SetAmount(_entry.AmountMinor, _currency, _core.Settings.Language);
            _core.Enter(AppState.RefundAmount, ScreenId.RefundAmount);
        }

        private void OnAmountKey(char keycap)
        {
            if (keycap == Keycaps.Cancel)
            {
                // Back to the list as it was: nothing is asked of the gateway again, nothing was sent.
                _entry = null;
                SetLines(_sales.Count);
                _core.Screen.MenuFirstLine = _firstLine;
                _core.Enter(AppState.RefundList, ScreenId.RefundList);
                return;
            }
            if (_proposed && Keycaps.IsAmountDigit(keycap)) _entry.Reset(); // typing replaces the proposal
            _proposed = false;
            if (_entry.Press(keycap) == EntryResult.Submitted)
            {
                _amountMinor = _entry.AmountMinor;
                _core.Enter(AppState.RefundConfirm, ScreenId.RefundConfirm);
                return;
            }
            ShowAmount();
        }

        private void OnConfirmKey(char keycap)
        {
            if (keycap == Keycaps.Cancel)
            {
                ShowAmount(); // the amount keyed is kept
                return;
            }
            if (keycap != Keycaps.Ok) return;
            _entry = null;
            _refundId = _orderIds.NextRefund();
            if (!_journal.RecordRefund(_refundId, _orderId, _amountMinor, _currency.Code))
            {
                // Without the record a power cut could lead to a second refund under a new id: nothing is sent.
                _core.Log.Line("Refund " + _refundId + ": could not record it in flash (" + SaleJournal.WriteAttempts.ToString()
                    + " attempts); refused before anything was sent to the gateway.");
                ShowResult(ScreenId.RefundRefused, Ui.Reason.InternalError, JournalWriteDetail);
                return;
            }
            _failuresInARow = 0;
            _core.Log.Line("Refund " + _refundId + " of order " + _orderId + ": " + MoneyFormat.Format(_amountMinor, _currency, Language.English)
                + " - asking the gateway.");
            Send();
        }

        private void Send()
        {
            ScreenModel screen = _core.Screen;
            screen.OrderId = CounterScreens.ShortId(_orderId);
            screen.SetAmount(_amountMinor, _currency, _core.Settings.Language);
            screen.Reason = Ui.Reason.None;
            screen.ProgressPercent = SendingPercent;
            _core.Enter(AppState.Refunding, ScreenId.Refunding);
            _core.RequestRefund(_refundId, _orderId, _amountMinor, _currency.Code);
        }

        // ------------------------------------------------------------------ the gateway's answer

        /// <summary>The answer to the refund request: REFUNDED, a refusal (final), or unknown (asked again later, same id).</summary>
        public void OnRefundReply(GatewayReply reply)
        {
            if (reply.Outcome == GatewayOutcome.Refunded)
            {
                _core.Log.Line("Refund " + _refundId + ": REFUNDED " + MoneyFormat.Format(_amountMinor, _currency, Language.English) + ".");
                ClearJournal();
                _core.Sound(BuzzerPattern.Paid);
                ShowResult(ScreenId.Refunded, Ui.Reason.None, null);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected && !GatewayErrors.CuredByRetry(reply.ErrorCode))
            {
                _core.Log.Line("Refund " + _refundId + ": refused (" + GatewayErrors.Describe(reply.ErrorCode) + "). Nothing was refunded.");
                ClearJournal();
                _core.Sound(BuzzerPattern.Failure);
                ShowResult(ScreenId.RefundRefused, Ui.Reason.GatewayRejected, reply.ErrorCode);
                return;
            }
            // Pending at the gateway, no answer, or an answer that is not to be trusted: never "refunded".
            long delayMs = RetryTimer.DelayMs(_core.Settings, _failuresInARow);
            _failuresInARow++;
            _retryAtMs = _core.Clock.NowMs + delayMs;
            if (_core.State != AppState.RefundResult || _failuresInARow == 1)
                _core.Log.Line("Refund " + _refundId + ": not confirmed (" + GatewayErrors.Describe(reply.ErrorCode)
                    + "); asking again with the same id.");
            ShowResult(ScreenId.RefundPending, Ui.Reason.RefundNotConfirmed, reply.ErrorCode);
        }

        private void ShowResult(int screenId, int reason, string detail)
        {
            ScreenModel screen = _core.Screen;
            screen.Reason = reason;
            screen.ReasonDetail = detail;
            screen.SetAmount(_amountMinor, _currency, _core.Settings.Language);
            if (screenId != ScreenId.RefundPending) _retryAtMs = -1;
            _core.Enter(AppState.RefundResult, screenId);
        }

        /// <summary>Back to the technician menu: the list and the entry become garbage (the journal keeps a pending refund).</summary>
        private bool Leave()
        {
            _sales = null;
            _entry = null;
            return true;
        }

        private void ClearJournal()
        {
            if (!_journal.Clear())
                _core.Log.Line("Could not clear the refund journal in flash; its refund is asked again (same id) when Refund is opened.");
        }

        private void SetLines(int count)
        {
            _core.Screen.MenuLineCount = count;
            _core.Screen.MenuSelection = -1;
            _core.Screen.MenuScrolls = false;
            _core.Screen.MenuFirstLine = _firstLine;
        }
    }
}
