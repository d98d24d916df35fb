using Terminal.Drivers.Sound;
using Terminal.Drivers.Storage;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// The money path: amount entry, the sale (create, long poll, close), recovery after a restart and the
    /// journalled order id. Its rules:
    /// - an order id is made once per sale and every retry reuses it (the gateway's idempotency key);
    /// - PAID is shown only when the gateway client says Paid (signed, fresh, this order, this amount);
    /// - an order whose fate is unknown (create or wait failed, Cancel pressed, code expired) is cancelled at
    ///   the gateway, and the cancel is retried until the gateway answers; its answer (PAID if the tourist paid
    ///   meanwhile) is what the screen shows;
    /// - the sale (order id, amount, currency) is journalled in non-volatile storage (<see cref="SaleJournal"/>)
    ///   before the create is sent, and a sale that cannot be journalled is refused before anything is sent; the
    ///   record is cleared only once the outcome was acknowledged; after a reboot that order and the gateway's
    ///   list of this terminal's open orders are settled first (a PAID that happened just before the power went
    ///   is shown then);
    /// - every recovery ends: an id the gateway never saw is closed by a cancel that needs only the id, a signed
    ///   definitive refusal ends the sale on the failed screen with the gateway's reason, and retries after
    ///   network failures back off (doubling up to <see cref="PosSettings.MaxRetryDelayMs"/>);
    /// - PAID is acknowledged only with OK, and not in its first moments, so a Cancel pressed while the payment
    ///   was arriving cannot clear it unseen.
    /// </summary>
    public sealed class SaleFlow
    {
        // Why an order is being closed: picks how the sale ends once the gateway confirms.
        private const int CloseNone = 0;
        private const int CloseByCashier = 1;
        private const int CloseOnExpiry = 2;
        private const int CloseAfterError = 3;
        private const int CloseCodeTooLong = 4;
        private const int CloseForRecovery = 5;

        // Progress bars while an order is created and closed.
        private const int CreatingPercent = 30;
        private const int ClosingPercent = 60;

        private const string CodeTooLongDetail = "qr_too_long"; // under the failed screen's reason
        public const string JournalWriteDetail = "journal_write"; // the sale could not be recorded in flash
        public const string JournalCorruptDetail = "journal_corrupt"; // the flash held a record that fails its checks

        private readonly AppCore _core;
        private readonly PosSettings _settings;
        private readonly ScreenModel _screen;
        private readonly OrderIds _orderIds;
        private readonly byte[] _qrWorkspace; // the terminal's workspace, lent to each encode (null: the encoder's own)
        private readonly QrCode _qr;
        private readonly SaleJournal _journal;
        private readonly CounterScreens _counter;
        private readonly RestartRecovery _recovery;

        // The sale in progress (or being recovered).
        private string _orderId;
        private long _orderAmountMinor;
        private string _orderCurrency;
        private long _createStartedMs;
        private bool _toldGatewaySlow;
        private long _deadlineMs;
        private int _secondsLeftShown;
        private int _closeReason = CloseNone;
        private bool _closeWanted;
        private readonly RetryTimer _retry = new RetryTimer();
        private int _retriesInARow; // network failures since the last trustworthy answer: the backoff's exponent
        private long _returnAtMs = -1;
        private int _unknownStreak;
        private long _paidShownAtMs;

        public SaleFlow(AppCore core, CounterScreens counter, OrderIds orderIds, byte[] qrWorkspace, QrCode qr, INonVolatileSlot openOrderSlot)
        {
            _core = core;
            _settings = core.Settings;
            _screen = core.Screen;
            _orderIds = orderIds;
            _qrWorkspace = qrWorkspace;
            _qr = qr;
            _journal = new SaleJournal(openOrderSlot);
            _counter = counter;
            _recovery = new RestartRecovery(core, this, _journal);
        }

        /// <summary>The order of the sale in progress, or null.</summary>
        public string OrderId { get { return _orderId; } }

        /// <summary>The amount being entered or paid, in minor units.</summary>
        public long AmountMinor { get { return _orderId != null ? _orderAmountMinor : _counter.AmountMinor; } }

        /// <summary>Power-on: orders a restart left open are settled before the first sale.</summary>
        public RestartRecovery Recovery { get { return _recovery; } }

        /// <summary>
        /// Settles an order left open by a restart: asks its fate, then closes it or shows how it ended. Amount
        /// and currency are known for the journalled sale (0 and null for one from the gateway's list).
        /// </summary>
        public void Recover(string orderId, long amountMinor, string currencyCode)
        {
            _orderId = orderId;
            _orderAmountMinor = amountMinor;
            _orderCurrency = currencyCode;
            _closeWanted = false;
            _closeReason = CloseForRecovery;
            _screen.OrderId = CounterScreens.ShortId(_orderId);
            _core.Enter(AppState.Recovering, ScreenId.Boot);
            _core.Log.Line("Recovering order " + _orderId + " left open by the restart.");
            Request(RequestKind.Query);
        }

        // ------------------------------------------------------------------ the cashier's keys

        public void ShowLastTransaction()
        {
            _counter.ShowLastTransaction();
            _returnAtMs = _core.Clock.NowMs + _settings.EndedScreenTimeoutMs;
        }

        /// <summary>Cancel while the order is created or its code is shown.</summary>
        public void CancelByCashier()
        {
            RequestClose(CloseByCashier, "Cashier pressed Cancel.");
        }

        /// <summary>
        /// OK on PAID, taken only after the guard time: a Cancel pressed while the payment arrived, or a held
        /// key's repeat, must not clear it before the cashier has seen it.
        /// </summary>
        public void AcknowledgePaid()
        {
            if (_core.Clock.NowMs - _paidShownAtMs >= _settings.PaidAcknowledgeGuardMs) AcknowledgeOutcome();
        }

        // ------------------------------------------------------------------ the sale

        /// <summary>OK on the amount keyed: journal a new order id, then ask the gateway for a payment code.</summary>
        public void StartSale()
        {
            _orderId = _orderIds.Next();
            _orderAmountMinor = _counter.AmountMinor;
            _orderCurrency = _settings.Currency.Code;
            if (!_journal.Record(_orderId, _orderAmountMinor, _orderCurrency))
            {
                // Without the record a power cut could leave a paid sale unseen: nothing is sent, the sale is refused.
                _core.Log.Line("Sale " + _orderId + ": could not record the sale in flash (" + SaleJournal.WriteAttempts.ToString()
                    + " attempts); refused before anything was sent to the gateway. Nothing was charged.");
                _closeReason = CloseNone;
                _screen.ReasonDetail = JournalWriteDetail;
                FinishSale(SaleEnd.NotRecorded);
                return;
            }
            _closeWanted = false;
            _closeReason = CloseNone;
            _unknownStreak = 0;
            _createStartedMs = _core.Clock.NowMs;
            _toldGatewaySlow = false;
            _screen.Reason = Reason.None;
            _screen.ReasonDetail = null;
            _screen.ProgressPercent = CreatingPercent;
            _screen.OrderId = CounterScreens.ShortId(_orderId);
            _screen.SetAmount(_orderAmountMinor, _settings.Currency, _settings.Language);
            _core.Enter(AppState.Creating, ScreenId.Creating);
            _core.Log.Line("Sale " + _orderId + ": " + MoneyFormat.Format(_orderAmountMinor, _settings.Currency, Language.English)
                + " - asking the gateway for a payment code.");
            Request(RequestKind.Create);
        }

        /// <summary>Clock tick: the countdown, the slow-gateway note, scheduled retries, result screens timing out.</summary>
        public void OnTick()
        {
            long now = _core.Clock.NowMs;
            int state = _core.State;
            if (state == AppState.ShowingCode)
            {
                int secondsLeft = AppCore.SecondsUntil(_deadlineMs, now);
                if (secondsLeft != _secondsLeftShown)
                {
                    _secondsLeftShown = secondsLeft;
                    _screen.SecondsLeft = secondsLeft;
                    _core.ScreenChanged();
                }
                if (now >= _deadlineMs && !_closeWanted) RequestClose(CloseOnExpiry, "The code expired unpaid.");
            }
            else if (state == AppState.Creating && !_closeWanted && !_toldGatewaySlow && now - _createStartedMs >= _settings.SlowGatewayMs)
            {
                _toldGatewaySlow = true;
                _screen.Reason = Reason.GatewayTimeout; // the creating screen says the gateway is slow
                _core.ScreenChanged();
            }

            int due = _core.Busy ? RequestKind.None : _retry.TakeDue(now);
            if (due != RequestKind.None) Request(_closeWanted && due == RequestKind.Wait ? RequestKind.Cancel : due);

            if (_returnAtMs >= 0 && now >= _returnAtMs) AcknowledgeOutcome();
        }

        // ------------------------------------------------------------------ gateway replies

        /// <summary>The gateway's answer to a create, wait, cancel or recovery query of this sale.</summary>
        public void OnReply(int kind, GatewayReply reply)
        {
            if (kind != RequestKind.Create && kind != RequestKind.Wait && kind != RequestKind.Cancel && kind != RequestKind.Query) return;
            if (reply.OrderId != null && _orderId != null && reply.OrderId != _orderId)
            {
                // The client already checks this; a second look costs nothing and money is at stake.
                reply.Outcome = GatewayOutcome.Unknown;
                reply.ErrorCode = GatewayErrors.WrongOrder;
            }
            if (reply.Outcome != GatewayOutcome.Unknown) _retriesInARow = 0; // the gateway answered: the backoff starts afresh
            if (GatewayOutcome.IsFinal(reply.Outcome))
            {
                // Paid, Cancelled or Expired: the ledger's word ends the sale, whatever was asked.
                if (kind == RequestKind.Query || _orderAmountMinor == 0)
                {
                    _orderAmountMinor = reply.AmountMinor; // a recovered order: learn what it was for
                    _orderCurrency = reply.Currency;
                }
                OnFinalOutcome(reply.Outcome);
                return;
            }
            switch (kind)
            {
                case RequestKind.Create: OnCreateReply(reply); break;
                case RequestKind.Wait: OnWaitReply(reply); break;
                case RequestKind.Cancel: OnCancelReply(reply); break;
                default: OnQueryReply(reply); break;
            }
        }

        private void OnCreateReply(GatewayReply reply)
        {
            if (reply.Outcome == GatewayOutcome.Pending)
            {
                _unknownStreak = 0;
                if (_closeWanted)
                {
                    Request(RequestKind.Cancel);
                    return;
                }
                // The code is encoded and shown here, not in a method of its own: this is the deepest call chain of a
                // sale, and each call frame is heap in nanoCLR (docs/memory.md).
                // The encoder (its matrix builder, mask scorer and Reed-Solomon state: about 3 KB on the bench) is made
                // per encode: it works a few milliseconds a sale, and the heap is then free for everything else.
                int status = new QrEncoder(_qr.MaxVersion, _qrWorkspace).EncodeToFit(reply.CodeText, QrScreen.BoxPx, QrScreen.QuietZoneModules, _qr);
                if (status != QrStatus.Ok)
                {
                    _core.Log.Line("The payment code (" + reply.CodeText.Length.ToString() + " characters) does not fit the panel: "
                        + QrStatus.Describe(status) + ". Cancelling the order.");
                    _screen.ReasonDetail = CodeTooLongDetail;
                    RequestClose(CloseCodeTooLong, null);
                    return;
                }
                int expiresInSeconds = reply.ExpiresInSeconds > 0 ? reply.ExpiresInSeconds : _settings.OrderExpirySeconds;
                _deadlineMs = _core.Clock.NowMs + expiresInSeconds * 1000L;
                _secondsLeftShown = expiresInSeconds;
                _screen.SecondsLeft = expiresInSeconds;
                _screen.Qr = _qr;
                _core.Enter(AppState.ShowingCode, ScreenId.Qr);
                _core.Log.Line("Sale " + _orderId + ": code shown (QR version " + _qr.Version.ToString() + ", "
                    + _qr.Scale.ToString() + " px per module), valid " + expiresInSeconds.ToString() + " s. Waiting for the wallet.");
                Request(RequestKind.Wait);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected && reply.Attempts <= 1)
            {
                // A signed refusal of the only attempt: the gateway made no order, so nothing can be charged.
                _core.Log.Line("Sale " + _orderId + ": the gateway refused the order (" + GatewayErrors.Describe(reply.ErrorCode) + ").");
                _screen.ReasonDetail = reply.ErrorCode;
                FinishSale(SaleEnd.RejectedByGateway);
                return;
            }
            // A refused retry (an earlier attempt may have made the order), no answer, or an answer the terminal
            // does not expect: the order may exist at the gateway, so it is closed there before anything else.
            string what = reply.Outcome == GatewayOutcome.Rejected ? "the gateway refused a retried create"
                : reply.Outcome == GatewayOutcome.Unknown ? "no answer to create" : "an answer the terminal does not expect";
            CloseAfterGatewayError(what, reply);
        }

        private void OnWaitReply(GatewayReply reply)
        {
            if (reply.Outcome == GatewayOutcome.Pending)
            {
                _unknownStreak = 0;
                Request(_closeWanted ? RequestKind.Cancel : RequestKind.Wait);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected)
            {
                CloseAfterGatewayError("the gateway refused the status request", reply);
                return;
            }
            if (_closeWanted && reply.ErrorCode == GatewayErrors.Aborted)
            {
                Request(RequestKind.Cancel); // the poll was ended for this cancel: send it now
                return;
            }
            // Unknown, or anything unexpected: the code stays up and the terminal asks again.
            _unknownStreak++;
            if (_unknownStreak == 1)
                _core.Log.Line("Sale " + _orderId + ": lost contact with the gateway (" + GatewayErrors.Describe(reply.ErrorCode) + "); the code stays up, asking again.");
            RetryLater(_closeWanted ? RequestKind.Cancel : RequestKind.Wait);
        }

        private void OnCancelReply(GatewayReply reply)
        {
            if (reply.Outcome == GatewayOutcome.Rejected && reply.ErrorCode == GatewayErrors.UnknownOrder)
            {
                // The create never reached the gateway: there is no order, so nothing was charged.
                _core.Log.Line("Sale " + _orderId + ": the gateway has no such order - nothing was charged.");
                FinishClosed(GatewayOutcome.Cancelled);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected && !GatewayErrors.CuredByRetry(reply.ErrorCode))
            {
                EndRefused("cancel", reply.ErrorCode);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected)
                _core.Log.Line("Sale " + _orderId + ": the gateway refused the cancel (" + GatewayErrors.Describe(reply.ErrorCode) + "); asking again.");
            else if (_core.State != AppState.NetworkDown)
                _core.Log.Line("Sale " + _orderId + ": cancel not confirmed (" + GatewayErrors.Describe(reply.ErrorCode) + "); retrying until the gateway answers.");
            // Unknown, refused or still pending: the outcome is not settled yet. Keep asking; never guess.
            RetryLater(RequestKind.Cancel);
            EnterNetworkDown(reply.ErrorCode);
        }

        private void OnQueryReply(GatewayReply reply)
        {
            // Only recovery queries: an order left open by a restart.
            if (reply.Outcome == GatewayOutcome.Pending)
            {
                _orderAmountMinor = reply.AmountMinor;
                _orderCurrency = reply.Currency;
                RequestClose(CloseForRecovery, null);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected && reply.ErrorCode == GatewayErrors.UnknownOrder)
            {
                // The create never reached the gateway. A cancel (the id is all it needs) closes the id for good,
                // so a create still on its way can never open a payable code.
                RequestClose(CloseForRecovery, null);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected && !GatewayErrors.CuredByRetry(reply.ErrorCode))
            {
                EndRefused("query", reply.ErrorCode);
                return;
            }
            RetryLater(RequestKind.Query);
        }

        // ------------------------------------------------------------------ closing and ending

        private void RequestClose(int reason, string logLine)
        {
            if (logLine != null) _core.Log.Line("Sale " + _orderId + ": " + logLine + " Cancelling it at the gateway.");
            _closeWanted = true;
            _closeReason = reason;
            _screen.Qr = null;
            _screen.ProgressPercent = ClosingPercent;
            _core.Enter(AppState.Closing, ScreenId.Closing);
            // A create in flight answers first (it may have made the order); the cancel follows. A long poll in
            // flight is ended at once (it commits nothing), so the cancel goes out now and its answer - CANCELLED,
            // or PAID if the tourist paid first - is what the cashier sees, within a round trip.
            // A request queued but not yet taken by the worker was never sent: the cancel replaces it.
            if (!_core.Busy || _core.InFlight == RequestKind.None)
            {
                _retry.Cancel();
                Request(RequestKind.Cancel);
            }
            else
            {
                _core.AbortWaitInFlight();
            }
        }

        private void CloseAfterGatewayError(string what, GatewayReply reply)
        {
            _core.Log.Line("Sale " + _orderId + ": " + what + " (" + GatewayErrors.Describe(reply.ErrorCode) + "); cancelling it at the gateway to be sure.");
            _screen.ReasonDetail = reply.ErrorCode;
            RequestClose(CloseAfterError, null);
        }

        /// <summary>
        /// A signed refusal that asking again cannot change (bad_request, order_conflict, bad_signature...): the
        /// terminal cannot settle this order itself. It stops asking, forgets the journalled sale (a restart would
        /// only repeat the refusal) and shows the cashier the gateway's reason, until a key.
        /// </summary>
        private void EndRefused(string what, string errorCode)
        {
            _core.Log.Line("Sale " + _orderId + ": the gateway refused the " + what + " (" + GatewayErrors.Describe(errorCode)
                + "); the terminal cannot settle this order itself - check it on the merchant page. Sale journal cleared.");
            ClearJournal();
            _closeReason = CloseNone;
            _screen.ReasonDetail = errorCode;
            FinishSale(SaleEnd.RefusedByGateway);
        }

        private void EnterNetworkDown(string errorCode)
        {
            if (_core.State == AppState.NetworkDown) return;
            _screen.Reason = _core.WifiUp ? Reason.GatewayUnreachable : Reason.NoWifi;
            _screen.ReasonDetail = errorCode;
            _core.Enter(AppState.NetworkDown, ScreenId.NetworkError);
        }

        private void OnFinalOutcome(int outcome)
        {
            if (outcome == GatewayOutcome.Paid)
            {
                _core.Log.Line("Sale " + _orderId + ": PAID " + MoneyFormat.Format(_orderAmountMinor, CurrencyTable.FindByCode(_orderCurrency, _settings.Currency), Language.English) + ".");
                FinishSale(SaleEnd.Paid);
                return;
            }
            FinishClosed(outcome);
        }

        private void FinishClosed(int outcome)
        {
            int end;
            if (_closeReason == CloseByCashier) end = SaleEnd.CancelledByCashier;
            else if (_closeReason == CloseOnExpiry || outcome == GatewayOutcome.Expired) end = SaleEnd.Expired;
            else if (_closeReason == CloseAfterError) end = SaleEnd.GatewayFailed;
            else if (_closeReason == CloseCodeTooLong) end = SaleEnd.CodeTooLong;
            else if (_closeReason == CloseForRecovery) end = SaleEnd.InterruptedByRestart;
            else end = SaleEnd.CancelledByGateway;
            _core.Log.Line("Sale " + _orderId + ": closed without payment (" + ScreenId.Name(SaleEnd.Screen(end)) + "). Nothing was charged.");
            FinishSale(end);
        }

        private void FinishSale(int end)
        {
            Currency currency = CurrencyTable.FindByCode(_orderCurrency, _settings.Currency);
            if (end != SaleEnd.JournalCorrupt) _counter.RecordSale(end, _orderAmountMinor, currency, _orderId); // a notice, not a sale
            _screen.Reason = SaleEnd.Reason(end);
            _screen.OrderId = CounterScreens.ShortId(_orderId);
            _screen.Qr = null;
            _screen.SetAmount(_orderAmountMinor, currency, _settings.Language);
            _retry.Cancel();
            _closeWanted = false;
            bool recovering = _closeReason == CloseForRecovery || _recovery.OrdersLeft;
            _closeReason = CloseNone;
            long now = _core.Clock.NowMs;
            // The cashier's own Cancel needs no alarm; every other unpaid end is news to the counter.
            if (end == SaleEnd.Paid) _core.Sound(BuzzerPattern.Paid);
            else if (end != SaleEnd.CancelledByCashier) _core.Sound(BuzzerPattern.Failure);
            if (end == SaleEnd.Paid)
            {
                _paidShownAtMs = now;
                _core.Enter(AppState.Paid, ScreenId.Paid);
                _returnAtMs = _settings.PaidScreenTimeoutMs > 0 ? now + _settings.PaidScreenTimeoutMs : -1;
                return;
            }
            _core.Enter(AppState.Ended, SaleEnd.Screen(end));
            // A recovered outcome, or an order the gateway would not settle, waits for the cashier like PAID does.
            _returnAtMs = recovering || end == SaleEnd.RefusedByGateway ? -1 : now + _settings.EndedScreenTimeoutMs;
        }

        /// <summary>The outcome was seen (a key, or its screen timed out): the journal is cleared, the next order recovered.</summary>
        public void AcknowledgeOutcome()
        {
            if (_orderId != null && _journal.Holds(_orderId)) ClearJournal(); // settled and seen
            _orderId = null;
            if (_recovery.InProgress)
            {
                _returnAtMs = -1;
                _screen.OrderId = null;
                _recovery.SettleNext();
                return;
            }
            ReturnToCounter();
        }

        /// <summary>
        /// Empties the journal. If the flash refuses (after retries) the record stays - the next sale's record
        /// replaces it, and that sale is refused if even that cannot be written - so the log says so.
        /// </summary>
        private void ClearJournal()
        {
            if (!_journal.Clear())
                _core.Log.Line("Sale " + _orderId + ": could not clear the sale journal in flash; the next sale's record replaces it.");
        }

        /// <summary>
        /// After a restart the journal held a record that failed its checks (reported in the log by the
        /// recovery): the cashier is told on the failed screen; any real open order was settled from the
        /// gateway's list.
        /// </summary>
        public void ShowJournalCorrupt()
        {
            _orderId = null;
            _orderAmountMinor = 0;
            _orderCurrency = _settings.Currency.Code;
            _closeReason = CloseNone;
            _screen.ReasonDetail = JournalCorruptDetail;
            FinishSale(SaleEnd.JournalCorrupt);
        }

        /// <summary>No sale and nothing left to recover: the amount screen (or the self-test failure).</summary>
        public void ReturnToCounter()
        {
            _returnAtMs = -1;
            _screen.OrderId = null;
            _counter.ResetAmount();
            _screen.Reason = Reason.None;
            _screen.ReasonDetail = null;
            if (_core.SelfTestFailed)
            {
                // Still no payments. A technician already in the menu keeps it (the recovery found nothing).
                if (!AppState.IsTechnician(_core.State)) _core.Enter(AppState.SelfTestFailed, ScreenId.SelfTestFailed);
                return;
            }
            _counter.ShowAmount();
        }

        // ------------------------------------------------------------------ helpers

        private void Request(int kind)
        {
            _core.Request(kind, _orderId, _orderAmountMinor, _orderCurrency);
        }

        /// <summary>
        /// Asks again later (the network failed); the tick sends it. The delay doubles with each failure in a row,
        /// from RetryDelayMs up to MaxRetryDelayMs, so a gateway that keeps failing is not hammered.
        /// </summary>
        public void RetryLater(int kind)
        {
            long delayMs = RetryTimer.DelayMs(_settings, _retriesInARow);
            _retriesInARow++;
            _retry.Schedule(kind, _core.Clock.NowMs + delayMs);
        }

        /// <summary>The gateway answered (the open-order list): the next failure waits RetryDelayMs again.</summary>
        public void ResetRetryBackoff()
        {
            _retriesInARow = 0;
        }
    }
}
