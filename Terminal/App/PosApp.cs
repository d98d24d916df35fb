using System;
using Terminal.Diagnostics;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Sound;
using Terminal.Drivers.Storage;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// The point-of-sale state machine. Deterministic: events in (a key, a network reply, a clock tick),
    /// effects out (the screen model to draw, at most one request for the network worker). It owns no thread
    /// and does no I/O; <see cref="TerminalRunner"/> does.
    ///
    /// Money rules it keeps:
    /// - an order id is made once per sale and every retry reuses it (the gateway's idempotency key);
    /// - PAID is shown only when the gateway client says Paid (signed, fresh, this order, this amount);
    /// - an order whose fate is unknown (create or wait failed, Cancel pressed, code expired) is cancelled at
    ///   the gateway, and the cancel is retried until the gateway answers; its answer (PAID if the tourist paid
    ///   meanwhile) is what the screen shows;
    /// - the sale's order id is written to non-volatile storage before the create is sent and cleared only once
    ///   its outcome was acknowledged; after a reboot that order and the gateway's list of this terminal's open
    ///   orders are settled first (a PAID that happened just before the power went is shown then);
    /// - PAID is acknowledged only with OK, and not in its first moments, so a Cancel pressed while the payment
    ///   was arriving cannot clear it unseen.
    /// </summary>
    public sealed class PosApp
    {
        // Why an order is being closed: picks the screen shown once the gateway confirms.
        private const int CloseNone = 0;
        private const int CloseByCashier = 1;
        private const int CloseOnExpiry = 2;
        private const int CloseAfterError = 3;
        private const int CloseForRecovery = 4;

        private const int MaxPinChars = ScreenModel.MaxPinDigits;
        private const int ShortIdChars = 10; // boot id tail and counter: fits a title bar beside "Cancelled"
        private const int MenuProbeRepetitions = 2; // the probe runs on the UI thread: keep the wait short
        private const int ResultPageLines = 4;

        private const int RecoveryCapacity = OpenOrderList.Capacity;

        /// <summary><see cref="TakeSound"/>'s answer when there is nothing to play.</summary>
        public const int NoSound = -1;

        private readonly PosSettings _settings;
        private readonly OrderIds _orderIds;
        private readonly QrEncoder _encoder;
        private readonly QrCode _qr;
        private readonly ScreenModel _model;
        private readonly IClock _clock;
        private readonly IAppLog _log;
        private readonly AmountEntry _entry;
        private readonly AppRequest _next = new AppRequest();
        private readonly char[] _pin = new char[MaxPinChars];
        private readonly string[] _recoveryIds = new string[RecoveryCapacity + 1]; // + the journalled order
        private readonly INonVolatileSlot _openOrderSlot;

        private int _state = AppState.Booting;
        private bool _screenDirty = true;
        private int _sound = NoSound;
        private bool _requestReady;
        private int _inFlight = RequestKind.None;

        // The sale in progress (or being recovered).
        private string _orderId;
        private long _orderAmountMinor;
        private string _orderCurrency;
        private long _createStartedMs;
        private long _deadlineMs;
        private int _closeReason = CloseNone;
        private bool _closeWanted;
        private long _retryAtMs = -1;
        private int _retryKind = RequestKind.None;
        private long _returnAtMs = -1;
        private int _unknownStreak;

        // Recovery after a reboot.
        private int _recoveryCount;
        private int _recoveryIndex;
        private bool _listAgain;
        private string _journalledOrderId;
        private long _paidShownAtMs;

        // Last transaction, for the '#' key.
        private int _lastOutcome = -1;
        private long _lastAmountMinor;
        private string _lastOrderId;
        private Currency _lastCurrency;

        // Technician access.
        private int _pinLength;
        private int _pinFailures;
        private long _pinLockedUntilMs;

        // The technician menu refused (locked or no PIN): where to go back, the lockout's seconds shown, until when.
        private int _refusedFrom;
        private int _refusedSeconds;
        private long _refusedUntilMs;
        private bool _wifiUp;
        private string _ipAddress = "";
        private char _keypadTestPrevious;

        public PosApp(PosSettings settings, OrderIds orderIds, QrEncoder encoder, QrCode qr, ScreenModel model, IClock clock, IAppLog log,
            INonVolatileSlot openOrderSlot)
        {
            _openOrderSlot = openOrderSlot;
            _settings = settings;
            _orderIds = orderIds;
            _encoder = encoder;
            _qr = qr;
            _model = model;
            _clock = clock;
            _log = log;
            _entry = new AmountEntry(settings.Currency, settings.MaxAmountMinor);
            _model.Language = settings.Language;
            _model.CurrencyCode = settings.Currency.Code;
        }

        public int State { get { return _state; } }

        /// <summary>The order of the sale in progress, or null.</summary>
        public string OrderId { get { return _orderId; } }

        /// <summary>The amount being entered or paid, in minor units.</summary>
        public long AmountMinor { get { return _orderId != null ? _orderAmountMinor : _entry.AmountMinor; } }

        public Currency Currency { get { return _settings.Currency; } }

        /// <summary>The request in flight at the worker, or None.</summary>
        public int RequestInFlight { get { return _inFlight; } }

        /// <summary>True once since the screen model last changed; the runner redraws then.</summary>
        public bool TakeScreenChanged()
        {
            bool dirty = _screenDirty;
            _screenDirty = false;
            return dirty;
        }

        /// <summary>
        /// The sound the app asks for since the last call (a <see cref="BuzzerPattern"/> code: PAID, or failure
        /// when a sale ends unpaid other than by the cashier's own Cancel), once; <see cref="NoSound"/> if none.
        /// </summary>
        public int TakeSound()
        {
            int sound = _sound;
            _sound = NoSound;
            return sound;
        }

        /// <summary>Copies the next request for the worker into <paramref name="into"/>; false if there is none.</summary>
        public bool TakeRequest(AppRequest into)
        {
            if (!_requestReady) return false;
            _requestReady = false;
            into.CopyFrom(_next);
            _inFlight = _next.Kind;
            return true;
        }

        // ------------------------------------------------------------------ events

        /// <summary>Power-on: the self-test's verdict decides whether this terminal may take payments.</summary>
        public void Start(bool selfTestPassed, string failedItem)
        {
            _journalledOrderId = _openOrderSlot.Read();
            if (_journalledOrderId != null)
                _log.Line("Sale " + _journalledOrderId + " was in progress when the power went; asking the gateway how it ended.");
            if (!selfTestPassed)
            {
                // No new payments - but orders left open by the restart are still settled, and their outcome
                // (a PAID above all) shown, before the terminal rests on the self-test failure.
                _model.FailedItem = failedItem;
                _log.Line("Self-test failed at '" + failedItem + "': the terminal takes no payments. Technician menu: *");
                Enter(AppState.SelfTestFailed, ScreenId.SelfTestFailed);
                Request(RequestKind.ListOpen);
                return;
            }
            _model.BootProgressPercent = 50;
            _model.GatewayStatus = LinkStatus.Connecting;
            Enter(AppState.Recovering, ScreenId.Boot);
            _log.Line("Self-test passed. Asking the gateway for orders left open before the restart.");
            Request(RequestKind.ListOpen);
        }

        /// <summary>Wi-Fi state from the link (device) or the simulator.</summary>
        public void SetNetwork(bool wifiUp, string ipAddress)
        {
            _wifiUp = wifiUp;
            _ipAddress = ipAddress == null ? "" : ipAddress;
            _model.WifiStatus = wifiUp ? LinkStatus.Ok : LinkStatus.Failed;
            if (_state == AppState.Recovering || _state == AppState.Booting) _screenDirty = true;
        }

        public void OnKey(char keycap, int kind)
        {
            if (kind == KeyEventKind.Up) return;
            if (kind == KeyEventKind.Repeat && keycap != AmountEntry.BackspaceKey) return;

            switch (_state)
            {
                case AppState.Idle: OnIdleKey(keycap); break;
                case AppState.Creating:
                case AppState.ShowingCode:
                    if (keycap == AmountEntry.CancelKey) RequestClose(CloseByCashier, "Cashier pressed Cancel.");
                    break;
                case AppState.Paid:
                    // Only OK, and not in PAID's first moments: a Cancel pressed while the payment arrived, or a
                    // held key's repeat, must not clear it before the cashier has seen it.
                    if (keycap == AmountEntry.OkKey && kind == KeyEventKind.Down && _clock.NowMs - _paidShownAtMs >= _settings.PaidAcknowledgeGuardMs)
                        AfterOutcomeAcknowledged();
                    break;
                case AppState.Ended:
                case AppState.LastTransaction:
                    AfterOutcomeAcknowledged();
                    // A digit typed over a result screen starts the next amount instead of being lost.
                    if (_state == AppState.Idle && ((keycap >= '0' && keycap <= '9') || keycap == AmountEntry.DoubleZeroKey)) OnIdleKey(keycap);
                    break;
                case AppState.SelfTestFailed:
                    if (keycap == '*') BeginPinEntry();
                    break;
                case AppState.PinEntry: OnPinKey(keycap); break;
                case AppState.TechRefused: LeaveTechRefused(); break;
                case AppState.TechMenu: OnTechMenuKey(keycap); break;
                case AppState.TechInfo:
                case AppState.TechSelfTest:
                case AppState.TechGatewayTest:
                    OnResultPageKey(keycap);
                    break;
                case AppState.KeypadTest: OnKeypadTestKey(keycap); break;
                case AppState.DisplayTest:
                    if (keycap == AmountEntry.CancelKey) ShowTechMenu();
                    else { _model.TestPattern = (_model.TestPattern + 1) % 3; _screenDirty = true; }
                    break;
                default:
                    break; // booting, recovering, closing, network down: keys wait for the gateway
            }
        }

        /// <summary>Clock tick from the UI loop: countdowns, timeouts, scheduled retries. Allocates nothing.</summary>
        public void OnTick()
        {
            long now = _clock.NowMs;

            if (_state == AppState.ShowingCode)
            {
                int secondsLeft = SecondsUntil(_deadlineMs, now);
                if (secondsLeft != _model.SecondsLeft)
                {
                    _model.SecondsLeft = secondsLeft;
                    _screenDirty = true;
                }
                if (now >= _deadlineMs && !_closeWanted) RequestClose(CloseOnExpiry, "The code expired unpaid.");
            }
            else if (_state == AppState.Creating && !_closeWanted && _model.Reason != Reason.GatewayTimeout
                     && now - _createStartedMs >= _settings.SlowGatewayMs)
            {
                _model.Reason = Reason.GatewayTimeout; // the creating screen says the gateway is slow
                _screenDirty = true;
            }

            if (_retryAtMs >= 0 && now >= _retryAtMs && _inFlight == RequestKind.None && !_requestReady)
            {
                int kind = _retryKind;
                _retryAtMs = -1;
                _retryKind = RequestKind.None;
                if (_closeWanted && kind == RequestKind.Wait) kind = RequestKind.Cancel;
                Request(kind);
            }

            if (_returnAtMs >= 0 && now >= _returnAtMs) AfterOutcomeAcknowledged();
            if (_state == AppState.TechRefused) OnTechRefusedTick(now);
        }

        /// <summary>The worker's answer to the request in flight.</summary>
        public void OnReply(GatewayReply reply)
        {
            int kind = _inFlight;
            _inFlight = RequestKind.None;
            if (kind != RequestKind.Ping && reply.OrderId != null && _orderId != null && reply.OrderId != _orderId)
            {
                // The client already checks this; a second look costs nothing and money is at stake.
                reply.Outcome = GatewayOutcome.Unknown;
                reply.ErrorCode = GatewayErrors.WrongOrder;
            }
            switch (kind)
            {
                case RequestKind.Create: OnCreateReply(reply); break;
                case RequestKind.Wait: OnWaitReply(reply); break;
                case RequestKind.Cancel: OnCancelReply(reply); break;
                case RequestKind.Query: OnQueryReply(reply); break;
                case RequestKind.Ping: OnPingReply(reply); break;
                default: break;
            }
        }

        /// <summary>The worker's answer to ListOpen (recovery after a restart).</summary>
        public void OnOpenOrders(OpenOrderList list)
        {
            _inFlight = RequestKind.None;
            if (list.Outcome != GatewayOutcome.Ok)
            {
                _model.GatewayStatus = LinkStatus.Failed;
                _screenDirty = true;
                _log.Line("Gateway not reachable at start-up (" + Describe(list.ErrorCode) + "); trying again.");
                ScheduleRetry(RequestKind.ListOpen);
                return;
            }
            _model.GatewayStatus = LinkStatus.Ok;
            _model.BootProgressPercent = 100;
            _recoveryCount = 0;
            _recoveryIndex = 0;
            _listAgain = list.Truncated;
            if (_journalledOrderId != null)
            {
                _recoveryIds[_recoveryCount++] = _journalledOrderId;
                _journalledOrderId = null;
            }
            string journalled = _recoveryCount == 1 ? _recoveryIds[0] : null;
            for (int i = 0; i < list.Count && i < RecoveryCapacity; i++)
                if (list.OrderId(i) != journalled) _recoveryIds[_recoveryCount++] = list.OrderId(i);
            if (_recoveryCount > 0)
                _log.Line(_recoveryCount.ToString() + " order(s) were open at the restart; settling them with the gateway.");
            RecoverNextOrIdle();
        }

        // ------------------------------------------------------------------ amount entry

        private void OnIdleKey(char keycap)
        {
            if (keycap == '#')
            {
                if (_entry.AmountMinor == 0) ShowLastTransaction();
                return;
            }
            if (keycap == '*')
            {
                if (_entry.AmountMinor == 0) BeginPinEntry();
                return;
            }

            int result = _entry.Press(keycap);
            if (result == EntryResult.Submitted)
            {
                StartSale();
                return;
            }
            if (result == EntryResult.LeaveScreen) _entry.Reset();
            ShowAmount();
        }

        private void ShowAmount()
        {
            _model.Screen = ScreenId.Amount;
            _model.AmountOverflowCue = _entry.ShowsOverflowCue;
            SetModelAmount(_entry.AmountMinor, _settings.Currency);
            _screenDirty = true;
        }

        private void StartSale()
        {
            _orderId = _orderIds.Next();
            if (!_openOrderSlot.Write(_orderId))
                _log.Line("Warning: could not store the order id in flash; a restart would rely on the gateway's open-order list alone.");
            _orderAmountMinor = _entry.AmountMinor;
            _orderCurrency = _settings.Currency.Code;
            _closeWanted = false;
            _closeReason = CloseNone;
            _unknownStreak = 0;
            _createStartedMs = _clock.NowMs;
            _model.Reason = Reason.None;
            _model.ReasonDetail = null;
            _model.ProgressPercent = 30;
            _model.OrderId = ShortId(_orderId);
            SetModelAmount(_orderAmountMinor, _settings.Currency);
            Enter(AppState.Creating, ScreenId.Creating);
            _log.Line("Sale " + _orderId + ": " + MoneyFormat.Format(_orderAmountMinor, _settings.Currency, Terminal.Language.English)
                + " - asking the gateway for a payment code.");
            Request(RequestKind.Create);
        }

        // ------------------------------------------------------------------ network replies

        private void OnCreateReply(GatewayReply reply)
        {
            switch (reply.Outcome)
            {
                case GatewayOutcome.Pending:
                    _unknownStreak = 0;
                    if (_closeWanted)
                    {
                        Request(RequestKind.Cancel);
                        return;
                    }
                    int status = _encoder.EncodeToFit(reply.CodeText, QrScreen.BoxPx, QrScreen.QuietZoneModules, _qr);
                    if (status != QrStatus.Ok)
                    {
                        _log.Line("The payment code (" + reply.CodeText.Length.ToString() + " characters) does not fit the panel: "
                            + QrStatus.Describe(status) + ". Cancelling the order.");
                        _model.ReasonDetail = "qr_too_long";
                        RequestClose(CloseAfterError, null);
                        return;
                    }
                    int expiresInSeconds = reply.ExpiresInSeconds > 0 ? reply.ExpiresInSeconds : _settings.OrderExpirySeconds;
                    _deadlineMs = _clock.NowMs + expiresInSeconds * 1000L;
                    _model.SecondsLeft = expiresInSeconds;
                    _model.Qr = _qr;
                    Enter(AppState.ShowingCode, ScreenId.Qr);
                    _log.Line("Sale " + _orderId + ": code shown (QR version " + _qr.Version.ToString() + ", "
                        + _qr.Scale.ToString() + " px per module), valid " + expiresInSeconds.ToString() + " s. Waiting for the wallet.");
                    Request(RequestKind.Wait);
                    return;
                case GatewayOutcome.Rejected:
                    if (reply.Attempts > 1)
                    {
                        // An earlier attempt may have created the order before this one was refused: settle the id.
                        CloseAfterGatewayError("the gateway refused a retried create", reply);
                        return;
                    }
                    // A signed refusal of the only attempt: the gateway made no order, so nothing can be charged.
                    _log.Line("Sale " + _orderId + ": the gateway refused the order (" + Describe(reply.ErrorCode) + ").");
                    _model.ReasonDetail = reply.ErrorCode;
                    FinishSale(ScreenId.Failed, Reason.GatewayRejected);
                    return;
                case GatewayOutcome.Unknown:
                    // The order may or may not exist at the gateway: close it there before anything else.
                    CloseAfterGatewayError("no answer to create", reply);
                    return;
                case GatewayOutcome.Paid:
                case GatewayOutcome.Cancelled:
                case GatewayOutcome.Expired:
                    OnFinalOutcome(reply);
                    return;
                default:
                    CloseAfterGatewayError("an answer the terminal does not expect", reply);
                    return;
            }
        }

        private void OnWaitReply(GatewayReply reply)
        {
            switch (reply.Outcome)
            {
                case GatewayOutcome.Pending:
                    _unknownStreak = 0;
                    Request(_closeWanted ? RequestKind.Cancel : RequestKind.Wait);
                    return;
                case GatewayOutcome.Rejected:
                    CloseAfterGatewayError("the gateway refused the status request", reply);
                    return;
                case GatewayOutcome.Paid:
                case GatewayOutcome.Cancelled:
                case GatewayOutcome.Expired:
                    OnFinalOutcome(reply);
                    return;
                default: // Unknown, or anything unexpected: the code stays up and the terminal asks again
                    _unknownStreak++;
                    if (_unknownStreak == 1)
                        _log.Line("Sale " + _orderId + ": lost contact with the gateway (" + Describe(reply.ErrorCode) + "); the code stays up, asking again.");
                    ScheduleRetry(_closeWanted ? RequestKind.Cancel : RequestKind.Wait);
                    return;
            }
        }

        private void OnCancelReply(GatewayReply reply)
        {
            switch (reply.Outcome)
            {
                case GatewayOutcome.Paid:
                case GatewayOutcome.Cancelled:
                case GatewayOutcome.Expired:
                    OnFinalOutcome(reply);
                    return;
                case GatewayOutcome.Rejected:
                    if (reply.ErrorCode == GatewayErrors.UnknownOrder)
                    {
                        // The create never reached the gateway: there is no order, so nothing was charged.
                        _log.Line("Sale " + _orderId + ": the gateway has no such order - nothing was charged.");
                        FinishClosed(GatewayOutcome.Cancelled);
                        return;
                    }
                    _log.Line("Sale " + _orderId + ": the gateway refused the cancel (" + Describe(reply.ErrorCode) + "); asking again.");
                    ScheduleRetry(RequestKind.Cancel);
                    EnterNetworkDown(reply.ErrorCode);
                    return;
                default:
                    // Unknown, or still pending: the outcome is not settled yet. Keep asking; never guess.
                    if (_state != AppState.NetworkDown)
                        _log.Line("Sale " + _orderId + ": cancel not confirmed (" + Describe(reply.ErrorCode) + "); retrying until the gateway answers.");
                    ScheduleRetry(RequestKind.Cancel);
                    EnterNetworkDown(reply.ErrorCode);
                    return;
            }
        }

        private void OnQueryReply(GatewayReply reply)
        {
            // Only recovery queries: learn amount and currency of an order left open by a restart.
            if (reply.Outcome == GatewayOutcome.Pending)
            {
                _orderAmountMinor = reply.AmountMinor;
                _orderCurrency = reply.Currency;
                RequestClose(CloseForRecovery, null);
                return;
            }
            if (reply.Outcome == GatewayOutcome.Rejected)
            {
                // Typically unknown_order: the create never reached the gateway. A cancel closes the id for good,
                // so a create still on its way can never open a payable code.
                RequestClose(CloseForRecovery, null);
                return;
            }
            if (reply.Outcome != GatewayOutcome.Paid && reply.Outcome != GatewayOutcome.Cancelled && reply.Outcome != GatewayOutcome.Expired)
            {
                ScheduleRetry(RequestKind.Query);
                return;
            }
            _orderAmountMinor = reply.AmountMinor;
            _orderCurrency = reply.Currency;
            OnFinalOutcome(reply);
        }

        private void OnPingReply(GatewayReply reply)
        {
            _model.MenuLineCount = 0;
            AddMenuLine(T("Gateway-test", "Gateway test"));
            if (reply.Outcome == GatewayOutcome.Ok)
                AddMenuLine(T("OK, ", "OK, ") + reply.RoundTripMs.ToString() + " ms");
            else
                AddMenuLine(T("FEIL: ", "FAILED: ") + Describe(reply.ErrorCode));
            _screenDirty = true;
            _log.Line("Technician gateway test: " + (reply.Outcome == GatewayOutcome.Ok ? "OK " + reply.RoundTripMs.ToString() + " ms" : "failed (" + Describe(reply.ErrorCode) + ")"));
        }

        /// <summary>Paid, Cancelled or Expired from the gateway: the ledger's word ends the sale.</summary>
        private void OnFinalOutcome(GatewayReply reply)
        {
            if (reply.Outcome == GatewayOutcome.Paid)
            {
                _log.Line("Sale " + _orderId + ": PAID " + MoneyFormat.Format(_orderAmountMinor, CurrencyOf(_orderCurrency), Terminal.Language.English) + ".");
                FinishSale(ScreenId.Paid, Reason.None);
                return;
            }
            FinishClosed(reply.Outcome);
        }

        private void FinishClosed(int outcome)
        {
            int reason;
            int screen;
            if (_closeReason == CloseByCashier) { screen = ScreenId.Cancelled; reason = Reason.CancelledByCashier; }
            else if (_closeReason == CloseOnExpiry || outcome == GatewayOutcome.Expired) { screen = ScreenId.Expired; reason = Reason.QrExpired; }
            else if (_closeReason == CloseAfterError) { screen = ScreenId.Failed; reason = _model.ReasonDetail == "qr_too_long" ? Reason.InternalError : Reason.GatewayUnreachable; }
            else if (_closeReason == CloseForRecovery) { screen = ScreenId.Cancelled; reason = Reason.InterruptedByRestart; }
            else { screen = ScreenId.Cancelled; reason = Reason.CancelledByGateway; }
            _log.Line("Sale " + _orderId + ": closed without payment (" + ScreenId.Name(screen) + "). Nothing was charged.");
            FinishSale(screen, reason);
        }

        private void FinishSale(int screen, int reason)
        {
            _lastOutcome = screen;
            _lastAmountMinor = _orderAmountMinor;
            _lastOrderId = _orderId;
            _lastCurrency = CurrencyOf(_orderCurrency);
            _model.Reason = reason;
            _model.OrderId = ShortId(_orderId);
            _model.Qr = null;
            SetModelAmount(_orderAmountMinor, _lastCurrency);
            _retryAtMs = -1;
            _closeWanted = false;
            bool recovering = _closeReason == CloseForRecovery || _recoveryIndex < _recoveryCount;
            _closeReason = CloseNone;
            // The cashier's own Cancel needs no alarm; every other unpaid end is news to the counter.
            if (screen == ScreenId.Paid) _sound = BuzzerPattern.Paid;
            else if (reason != Reason.CancelledByCashier) _sound = BuzzerPattern.Failure;
            if (screen == ScreenId.Paid)
            {
                _paidShownAtMs = _clock.NowMs;
                Enter(AppState.Paid, ScreenId.Paid);
                _returnAtMs = _settings.PaidScreenTimeoutMs > 0 ? _clock.NowMs + _settings.PaidScreenTimeoutMs : -1;
            }
            else
            {
                Enter(AppState.Ended, screen);
                // A recovered outcome waits for the cashier like PAID does: it reports something they did not see.
                _returnAtMs = recovering ? -1 : _clock.NowMs + _settings.EndedScreenTimeoutMs;
            }
        }

        private void AfterOutcomeAcknowledged()
        {
            _returnAtMs = -1;
            if (_orderId != null && _openOrderSlot.Read() == _orderId) _openOrderSlot.Write(null); // settled and seen
            _orderId = null;
            _model.OrderId = null;
            if (_recoveryIndex < _recoveryCount || _listAgain)
            {
                RecoverNextOrIdle();
                return;
            }
            _entry.Reset();
            _model.Reason = Reason.None;
            _model.ReasonDetail = null;
            if (_model.FailedItem != null)
            {
                // Still no payments. A technician already in the menu keeps it (the recovery found nothing).
                if (!AppState.IsTechnician(_state)) Enter(AppState.SelfTestFailed, ScreenId.SelfTestFailed);
                return;
            }
            _state = AppState.Idle;
            ShowAmount();
        }

        private void RecoverNextOrIdle()
        {
            if (_recoveryIndex < _recoveryCount)
            {
                _orderId = _recoveryIds[_recoveryIndex];
                _recoveryIds[_recoveryIndex] = null;
                _recoveryIndex++;
                _orderAmountMinor = 0;
                _orderCurrency = _settings.Currency.Code;
                _closeWanted = false;
                _closeReason = CloseForRecovery;
                _model.OrderId = ShortId(_orderId);
                Enter(AppState.Recovering, ScreenId.Boot);
                _log.Line("Recovering order " + _orderId + " left open by the restart.");
                Request(RequestKind.Query);
                return;
            }
            _recoveryCount = 0;
            _recoveryIndex = 0;
            if (_listAgain)
            {
                _listAgain = false;
                Enter(AppState.Recovering, ScreenId.Boot);
                Request(RequestKind.ListOpen);
                return;
            }
            if (_model.FailedItem == null) _log.Line("Ready for payments.");
            AfterOutcomeAcknowledged();
        }

        // ------------------------------------------------------------------ closing an order

        private void RequestClose(int reason, string logLine)
        {
            if (logLine != null) _log.Line("Sale " + _orderId + ": " + logLine + " Cancelling it at the gateway.");
            _closeWanted = true;
            _closeReason = reason;
            _model.Qr = null;
            _model.ProgressPercent = 60;
            Enter(AppState.Closing, ScreenId.Closing);
            // A create or long poll in flight answers first (a payment may be in it); the cancel follows.
            if (_inFlight == RequestKind.None && !_requestReady)
            {
                _retryAtMs = -1;
                Request(RequestKind.Cancel);
            }
        }

        private void CloseAfterGatewayError(string what, GatewayReply reply)
        {
            _log.Line("Sale " + _orderId + ": " + what + " (" + Describe(reply.ErrorCode) + "); cancelling it at the gateway to be sure.");
            _model.ReasonDetail = reply.ErrorCode;
            RequestClose(CloseAfterError, null);
        }

        private void EnterNetworkDown(string errorCode)
        {
            if (_state == AppState.NetworkDown) return;
            _model.Reason = _wifiUp ? Reason.GatewayUnreachable : Reason.NoWifi;
            _model.ReasonDetail = errorCode;
            Enter(AppState.NetworkDown, ScreenId.NetworkError);
        }

        // ------------------------------------------------------------------ technician access

        private void BeginPinEntry()
        {
            if (_settings.TechnicianPin == null || _settings.TechnicianPin.Length == 0)
            {
                _log.Line("Technician menu refused: no PIN is provisioned on this terminal.");
                ShowTechRefused(0);
                return;
            }
            if (_clock.NowMs < _pinLockedUntilMs)
            {
                int secondsLeft = SecondsUntil(_pinLockedUntilMs, _clock.NowMs);
                _log.Line("Technician menu locked after wrong PINs for " + secondsLeft.ToString() + " s more.");
                ShowTechRefused(secondsLeft);
                return;
            }
            _pinLength = 0;
            _model.PinDigits = 0;
            Enter(AppState.PinEntry, ScreenId.PinEntry);
        }

        /// <summary>Says on the panel why the menu does not open (lockout with the time left, or no PIN); any key goes back.</summary>
        private void ShowTechRefused(int lockedSeconds)
        {
            _refusedFrom = _state;
            _refusedSeconds = lockedSeconds;
            _refusedUntilMs = _clock.NowMs + _settings.EndedScreenTimeoutMs;
            _model.LockedSeconds = lockedSeconds;
            Enter(AppState.TechRefused, ScreenId.TechRefused);
        }

        /// <summary>Technician refused: the lockout counts down on the panel; the notice goes away by itself.</summary>
        private void OnTechRefusedTick(long now)
        {
            if (_refusedSeconds > 0)
            {
                int secondsLeft = SecondsUntil(_pinLockedUntilMs, now);
                if (secondsLeft <= 0)
                {
                    LeaveTechRefused(); // the lockout is over: * opens PIN entry again
                    return;
                }
                if (secondsLeft != _refusedSeconds)
                {
                    _refusedSeconds = secondsLeft;
                    _model.LockedSeconds = secondsLeft;
                    _screenDirty = true;
                }
            }
            if (now >= _refusedUntilMs) LeaveTechRefused();
        }

        private void LeaveTechRefused()
        {
            if (_refusedFrom == AppState.SelfTestFailed) Enter(AppState.SelfTestFailed, ScreenId.SelfTestFailed);
            else LeaveTechnician();
        }

        private void OnPinKey(char keycap)
        {
            if (keycap >= '0' && keycap <= '9')
            {
                if (_pinLength < MaxPinChars) _pin[_pinLength++] = keycap;
            }
            else if (keycap == AmountEntry.BackspaceKey)
            {
                if (_pinLength > 0) _pinLength--;
            }
            else if (keycap == AmountEntry.CancelKey)
            {
                LeaveTechnician();
                return;
            }
            else if (keycap == AmountEntry.OkKey)
            {
                if (PinMatches())
                {
                    _pinFailures = 0;
                    _log.Line("Technician menu opened.");
                    ShowTechMenu();
                    return;
                }
                _pinFailures++;
                _pinLength = 0;
                _log.Line("Wrong technician PIN (" + _pinFailures.ToString() + " of " + _settings.MaxPinTries.ToString() + ").");
                if (_pinFailures >= _settings.MaxPinTries)
                {
                    _pinFailures = 0;
                    _pinLockedUntilMs = _clock.NowMs + _settings.PinLockoutMs;
                    LeaveTechnician();
                    return;
                }
            }
            _model.PinDigits = _pinLength;
            _screenDirty = true;
        }

        private bool PinMatches()
        {
            string pin = _settings.TechnicianPin;
            if (_pinLength != pin.Length) return false;
            int difference = 0;
            for (int i = 0; i < _pinLength; i++) difference |= _pin[i] ^ pin[i]; // no early exit: timing says nothing
            return difference == 0;
        }

        private void ShowTechMenu()
        {
            _model.MenuLineCount = 0;
            AddMenuLine(T("1 Info    2 Gateway", "1 Info    2 Gateway"));
            AddMenuLine(T("3 Tastatur 4 Skjerm", "3 Keypad  4 Display"));
            AddMenuLine(T("5 Selvtest 6 Tid", "5 Selftest 6 Timing"));
            _model.MenuSelection = -1;
            _model.MenuFirstLine = 0;
            _model.MenuScrolls = false;
            Enter(AppState.TechMenu, ScreenId.TechMenu);
        }

        private void OnTechMenuKey(char keycap)
        {
            switch (keycap)
            {
                case '1': ShowTechInfo(); break;
                case '2':
                    _model.MenuLineCount = 0;
                    AddMenuLine(T("Gateway-test", "Gateway test"));
                    AddMenuLine(T("Venter...", "Waiting..."));
                    EnterResultPage(AppState.TechGatewayTest);
                    Request(RequestKind.Ping);
                    break;
                case '3':
                    _model.LastKey = '\0';
                    _keypadTestPrevious = '\0';
                    Enter(AppState.KeypadTest, ScreenId.KeypadTest);
                    break;
                case '4':
                    _model.TestPattern = 0;
                    Enter(AppState.DisplayTest, ScreenId.DisplayTest);
                    break;
                case '5': RunSelfTestFromMenu(); break;
                case '6': RunProbeFromMenu(); break;
                case AmountEntry.CancelKey: LeaveTechnician(); break;
                default: break;
            }
        }

        /// <summary>Result pages scroll with 2 and 8; any other key goes back to the menu (after a test's answer).</summary>
        private void OnResultPageKey(char keycap)
        {
            if (keycap == '8' && _model.MenuFirstLine + ResultPageLines < _model.MenuLineCount) { _model.MenuFirstLine++; _screenDirty = true; return; }
            if (keycap == '2' && _model.MenuFirstLine > 0) { _model.MenuFirstLine--; _screenDirty = true; return; }
            if (keycap == '2' || keycap == '8') return;
            if (_inFlight == RequestKind.None && !_requestReady) ShowTechMenu();
        }

        private void EnterResultPage(int state)
        {
            _model.MenuSelection = -1;
            _model.MenuFirstLine = 0;
            _model.MenuScrolls = true;
            Enter(state, ScreenId.TechMenu);
        }

        private void ShowTechInfo()
        {
            _model.MenuLineCount = 0;
            AddMenuLine("FW " + FirmwareInfo.Version);
            AddMenuLine("ID " + _settings.TerminalId);
            AddMenuLine("WiFi " + (_wifiUp ? _settings.WifiSsid : T("frakoblet", "down")));
            AddMenuLine("IP " + _ipAddress);
            AddMenuLine("GW " + _settings.GatewayUrl);
            AddMenuLine("UTC " + ClockText(DateTime.UtcNow)); // TLS and signatures fail when the clock is wrong
            EnterResultPage(AppState.TechInfo);
        }

        private void RunSelfTestFromMenu()
        {
            SelfTestReport report = new SelfTestReport();
            report.PrintToConsole = false;
            bool passed = SelfTest.Run(report);
            _model.MenuLineCount = 0;
            AddMenuLine(T("Selvtest", "Self-test"));
            AddMenuLine((passed ? "PASS " : "FAIL ") + report.Passed.ToString() + "/" + (report.Passed + report.Failed).ToString());
            if (!passed) AddMenuLine(report.FirstFailedItem);
            _log.Line("Technician self-test: " + (passed ? "PASS" : "FAIL at " + report.FirstFailedItem));
            EnterResultPage(AppState.TechSelfTest);
        }

        /// <summary>A short timing probe; the serial port gets nothing, the panel every item (scrolling with 2 and 8).</summary>
        private void RunProbeFromMenu()
        {
            ProbeReport report = new ProbeReport();
            report.PrintToConsole = false;
            Probe.Run(MenuProbeRepetitions, report);
            _model.MenuLineCount = 0;
            // Two lines per item: the full name (up to 21 characters fit a line), then the time with its unit.
            for (int i = 0; i < report.Items && _model.MenuLineCount + 2 <= ScreenModel.MaxMenuLines; i++)
            {
                AddMenuLine(report.Name(i));
                AddMenuLine("   " + report.MsPerOperation(i) + " ms");
            }
            _log.Line("Technician timing probe: " + report.Items.ToString() + " items, " + MenuProbeRepetitions.ToString() + " repetitions each.");
            EnterResultPage(AppState.TechSelfTest);
        }

        private void OnKeypadTestKey(char keycap)
        {
            // Every key is shown, Cancel included; Cancel twice in a row leaves the test.
            if (keycap == AmountEntry.CancelKey && _keypadTestPrevious == AmountEntry.CancelKey)
            {
                ShowTechMenu();
                return;
            }
            _keypadTestPrevious = keycap;
            _model.LastKey = keycap;
            _screenDirty = true;
        }

        private void LeaveTechnician()
        {
            _pinLength = 0;
            if (_lastOutcome == ScreenId.SelfTestFailed || _model.FailedItem != null)
            {
                Enter(AppState.SelfTestFailed, ScreenId.SelfTestFailed);
                return;
            }
            _state = AppState.Idle;
            ShowAmount();
        }

        private void ShowLastTransaction()
        {
            _model.LastOutcome = _lastOutcome;
            _model.OrderId = ShortId(_lastOrderId);
            if (_lastOutcome >= 0) SetModelAmount(_lastAmountMinor, _lastCurrency);
            Enter(AppState.LastTransaction, ScreenId.LastTransaction);
            _returnAtMs = _clock.NowMs + _settings.EndedScreenTimeoutMs;
        }

        // ------------------------------------------------------------------ helpers

        private void Request(int kind)
        {
            _next.Kind = kind;
            _next.OrderId = _orderId;
            _next.AmountMinor = _orderAmountMinor;
            _next.CurrencyCode = _orderCurrency;
            _next.ExpirySeconds = _settings.OrderExpirySeconds;
            _next.HoldMs = _settings.WaitHoldMs;
            _requestReady = true;
        }

        private void ScheduleRetry(int kind)
        {
            _retryKind = kind;
            _retryAtMs = _clock.NowMs + _settings.RetryDelayMs;
        }

        private void Enter(int state, int screen)
        {
            _state = state;
            _model.Screen = screen;
            _screenDirty = true;
        }

        private void SetModelAmount(long amountMinor, Currency currency)
        {
            _model.AmountLength = MoneyFormat.WriteNumber(amountMinor, currency, _settings.Language, _model.AmountChars, 0);
            _model.CurrencyCode = currency.Code;
        }

        private Currency CurrencyOf(string code)
        {
            Currency found = code == null ? null : CurrencyTable.FindByCode(code);
            return found == null ? _settings.Currency : found;
        }

        private void AddMenuLine(string line)
        {
            if (_model.MenuLineCount < ScreenModel.MaxMenuLines) _model.MenuLines[_model.MenuLineCount++] = line;
        }

        private string T(string norwegian, string english)
        {
            return _settings.Language == Terminal.Language.English ? english : norwegian;
        }

        /// <summary>The tail of an order id that fits a text line: the boot id's end and the counter.</summary>
        private static string ShortId(string orderId)
        {
            if (orderId == null || orderId.Length <= ShortIdChars) return orderId;
            return orderId.Substring(orderId.Length - ShortIdChars);
        }

        /// <summary>"2026-11-25 16:40" without DateTime format strings (nanoFramework has few).</summary>
        private static string ClockText(DateTime t)
        {
            return t.Year.ToString() + "-" + TwoDigits(t.Month) + "-" + TwoDigits(t.Day) + " " + TwoDigits(t.Hour) + ":" + TwoDigits(t.Minute);
        }

        private static string TwoDigits(int value)
        {
            return value < 10 ? "0" + value.ToString() : value.ToString();
        }

        private static int SecondsUntil(long deadlineMs, long nowMs)
        {
            long left = deadlineMs - nowMs;
            if (left <= 0) return 0;
            return (int)((left + 999) / 1000);
        }

        private static string Describe(string errorCode)
        {
            return errorCode == null ? "no detail" : errorCode;
        }
    }
}
