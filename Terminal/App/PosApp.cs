using Terminal.Diagnostics;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Storage;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// The point-of-sale state machine. Deterministic: events in (a key, a worker's answer, a clock tick),
    /// effects out (the screen model to draw, at most one request for the worker). It owns no thread and does
    /// no I/O; <see cref="TerminalRunner"/> does. This class only dispatches by state:
    /// - <see cref="SaleFlow"/> is the money path (the sale, its replies and close, recovery after a restart);
    /// - <see cref="TechnicianArea"/> is PIN entry, the technician menu, its pages and test screens, and through
    ///   it <see cref="ManagerRefund"/>, the manager's refund.
    /// Both write the screen model and never read it back; time comes from the clock ports.
    /// </summary>
    public sealed class PosApp
    {
        private readonly AppCore _core;
        private readonly CounterScreens _counter;
        private readonly SaleFlow _sale;
        private readonly TechnicianArea _technician;

        public PosApp(PosSettings settings, OrderIds orderIds, byte[] qrWorkspace, QrCode qr, ScreenModel model, IClock clock, IWallClock wallClock,
            IAppLog log, INonVolatileSlot openOrderSlot, INonVolatileSlot pinLockoutSlot, INonVolatileSlot refundSlot)
        {
            _core = new AppCore(settings, model, clock, log);
            _counter = new CounterScreens(_core);
            _sale = new SaleFlow(_core, _counter, orderIds, qrWorkspace, qr, openOrderSlot);
            _technician = new TechnicianArea(_core, wallClock, new PinLockout(pinLockoutSlot, clock, settings, log),
                new ManagerRefund(_core, orderIds, refundSlot));
            model.Language = settings.Language;
            model.CurrencyCode = settings.Currency.Code;
        }

        public int State { get { return _core.State; } }

        /// <summary>The order of the sale in progress, or null.</summary>
        public string OrderId { get { return _sale.OrderId; } }

        /// <summary>The amount being entered or paid, in minor units.</summary>
        public long AmountMinor { get { return _sale.AmountMinor; } }

        public Currency Currency { get { return _core.Settings.Currency; } }

        /// <summary>The request in flight at the worker, or None.</summary>
        public int RequestInFlight { get { return _core.InFlight; } }

        /// <summary>True once since the screen model last changed; the runner redraws then.</summary>
        public bool TakeScreenChanged()
        {
            return _core.TakeScreenChanged();
        }

        /// <summary>True once when the app wants the long poll at the worker ended now (the runner aborts it).</summary>
        public bool TakeAbortWait()
        {
            return _core.TakeAbortWait();
        }

        /// <summary><see cref="TakeSound"/>'s answer when there is nothing to play.</summary>
        public const int NoSound = AppCore.NoSound;

        /// <summary>
        /// The sound the app asks for since the last call (a BuzzerPattern code: PAID, or failure when a sale
        /// ends unpaid other than by the cashier's own Cancel), once; <see cref="NoSound"/> if none.
        /// </summary>
        public int TakeSound()
        {
            return _core.TakeSound();
        }

        /// <summary>The kind of the request waiting for the worker, or RequestKind.None.</summary>
        public int NextRequestKind { get { return _core.NextRequestKind; } }

        /// <summary>Copies the next request for the worker into <paramref name="into"/>; false if there is none.</summary>
        public bool TakeRequest(AppRequest into)
        {
            return _core.TakeRequest(into);
        }

        /// <summary>Power-on: the self-test's verdict decides whether this terminal may take payments.</summary>
        public void Start(bool selfTestPassed, string failedItem)
        {
            _sale.Recovery.Start(selfTestPassed);
            if (!selfTestPassed)
            {
                // No new payments - but orders left open by the restart are still settled, and their outcome
                // (a PAID above all) shown, before the terminal rests on the self-test failure.
                _core.SetSelfTestFailed(failedItem);
                _core.Log.Line("Self-test failed at '" + failedItem + "': the terminal takes no payments. Technician menu: *");
                _core.Enter(AppState.SelfTestFailed, ScreenId.SelfTestFailed);
            }
        }

        /// <summary>Wi-Fi state from the link (device) or the simulator.</summary>
        public void SetNetwork(bool wifiUp, string ipAddress)
        {
            _core.SetNetwork(wifiUp, ipAddress);
            if (_core.State == AppState.Recovering || _core.State == AppState.Booting) _core.ScreenChanged();
        }

        public void OnKey(char keycap, int kind)
        {
            if (kind == KeyEventKind.Up) return;
            if (kind == KeyEventKind.Repeat && keycap != Keycaps.Backspace) return;

            int state = _core.State;
            if (AppState.IsTechnician(state))
            {
                if (_technician.OnKey(keycap)) LeaveTechnician();
                return;
            }
            switch (state)
            {
                case AppState.Idle:
                    if (keycap == Keycaps.TechnicianMenu) { if (_counter.AmountMinor == 0) _technician.BeginPinEntry(); }
                    else if (keycap == Keycaps.LastTransaction) { if (_counter.AmountMinor == 0) _sale.ShowLastTransaction(); }
                    else if (_counter.Press(keycap)) _sale.StartSale();
                    break;
                case AppState.Creating:
                case AppState.ShowingCode:
                    if (keycap == Keycaps.Cancel) _sale.CancelByCashier();
                    break;
                case AppState.Paid:
                    if (keycap == Keycaps.Ok && kind == KeyEventKind.Down) _sale.AcknowledgePaid();
                    break;
                case AppState.Ended:
                case AppState.LastTransaction:
                    _sale.AcknowledgeOutcome();
                    // A digit typed over a result screen starts the next amount instead of being lost.
                    if (_core.State == AppState.Idle && Keycaps.IsAmountDigit(keycap) && _counter.Press(keycap)) _sale.StartSale();
                    break;
                case AppState.SelfTestFailed:
                    if (keycap == Keycaps.TechnicianMenu) _technician.BeginPinEntry();
                    break;
                default:
                    break; // booting, recovering, closing, network down: keys wait for the gateway
            }
        }

        /// <summary>Clock tick from the UI loop: countdowns, timeouts, scheduled retries. Allocates nothing.</summary>
        public void OnTick()
        {
            _sale.OnTick();
            _technician.OnTick();
            if (_core.State == AppState.TechRefused && _technician.OnRefusedTick()) LeaveTechnician();
        }

        /// <summary>The worker's answer to the gateway request in flight.</summary>
        public void OnReply(GatewayReply reply)
        {
            int kind = _core.ReplyArrived();
            if (kind == RequestKind.Ping) _technician.OnPingReply(reply);
            else if (kind == RequestKind.Refund) _technician.Refund.OnRefundReply(reply);
            else _sale.OnReply(kind, reply);
        }

        /// <summary>The worker's answer to RecentSales (the manager's refund list).</summary>
        public void OnRecentSales(RecentSales sales)
        {
            _core.ReplyArrived();
            _technician.Refund.OnRecentSales(sales);
        }

        /// <summary>The worker's answer to ListOpen (recovery after a restart).</summary>
        public void OnOpenOrders(OpenOrderList list)
        {
            _core.ReplyArrived();
            _sale.Recovery.OnOpenOrders(list);
        }

        /// <summary>The worker ran the technician's self-test.</summary>
        public void OnSelfTestDone(SelfTestReport report)
        {
            _core.ReplyArrived();
            _technician.OnSelfTestDone(report);
        }

        /// <summary>The worker ran the technician's timing probe.</summary>
        public void OnProbeDone(ProbeReport report)
        {
            _core.ReplyArrived();
            _technician.OnProbeDone(report);
        }

        private void LeaveTechnician()
        {
            if (_core.SelfTestFailed) _core.Enter(AppState.SelfTestFailed, ScreenId.SelfTestFailed);
            else _counter.ShowAmount();
        }
    }
}
