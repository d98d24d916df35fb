using Terminal.Gateway;
using Terminal.Money;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// Power-on: the orders a restart left open are settled before a new payment is taken. They are the sale
    /// journalled in flash before its create was sent (<see cref="SaleJournal"/>), and the gateway's list of this
    /// terminal's open orders; <see cref="SaleFlow"/> settles each (asks its fate, cancels it if still open,
    /// shows the outcome) and comes back here for the next. A truncated list is asked for again once these are
    /// settled. A journal record that fails its checks is reported (log, then the failed screen) and cleared,
    /// never sent: a real open order behind it is still in the gateway's list.
    /// </summary>
    public sealed class RestartRecovery
    {
        private const int ListCapacity = OpenOrderList.Capacity;

        // The boot screen's progress bar: self-test passed, gateway reached.
        private const int SelfTestDonePercent = 50;
        private const int GatewayReachedPercent = 100;

        private readonly AppCore _core;
        private readonly SaleFlow _sale;
        private readonly SaleJournal _journal;
        private string[] _orderIds; // the listed orders and the journalled one: made per list, dropped once settled
        private int _count;
        private int _next;
        private bool _listAgain;
        private bool _journalCorrupt;

        // The journalled sale, until it is handed to the sale flow (first, once).
        private string _journalledOrderId;
        private long _journalledAmountMinor;
        private string _journalledCurrency;
        private bool _firstIsJournalled;

        public RestartRecovery(AppCore core, SaleFlow sale, SaleJournal journal)
        {
            _core = core;
            _sale = sale;
            _journal = journal;
        }

        /// <summary>Orders of this list not settled yet.</summary>
        public bool OrdersLeft { get { return _next < _count; } }

        /// <summary>Orders left, a truncated list to ask for again, or the corrupt-journal notice still to show.</summary>
        public bool InProgress { get { return _next < _count || _listAgain || _journalCorrupt; } }

        /// <summary>Reads the journalled sale and asks the gateway for this terminal's open orders.</summary>
        public void Start(bool takesPayments)
        {
            ReadJournal();
            if (takesPayments)
            {
                _core.Screen.BootProgressPercent = SelfTestDonePercent;
                _core.Screen.GatewayStatus = LinkStatus.Connecting;
                _core.Enter(AppState.Recovering, ScreenId.Boot);
                _core.Log.Line("Self-test passed. Asking the gateway for orders left open before the restart.");
            }
            AskForOpenOrders();
        }

        private void ReadJournal()
        {
            int found = _journal.Read();
            if (found == SaleJournal.Valid)
            {
                _journalledOrderId = _journal.OrderId;
                _journalledAmountMinor = _journal.AmountMinor;
                _journalledCurrency = _journal.CurrencyCode;
                Currency currency = CurrencyTable.FindByCode(_journalledCurrency, _core.Settings.Currency);
                _core.Log.Line("Sale " + _journalledOrderId + " (" + MoneyFormat.Format(_journalledAmountMinor, currency, Language.English)
                    + ") was in progress when the power went; asking the gateway how it ended.");
            }
            else if (found == SaleJournal.Corrupt)
            {
                _journalCorrupt = true;
                _core.Log.Line("The sale journal in flash is corrupt (" + _journal.Problem + "); clearing it without sending it. "
                    + "An order left open is still settled from the gateway's list.");
                if (!_journal.Clear()) _core.Log.Line("Could not clear the corrupt sale journal; the next sale's record replaces it.");
            }
        }

        /// <summary>The gateway's list: it and the journalled order (first, once) are settled one by one.</summary>
        public void OnOpenOrders(OpenOrderList list)
        {
            if (list.Outcome != GatewayOutcome.Ok)
            {
                _core.Screen.GatewayStatus = LinkStatus.Failed;
                _core.ScreenChanged();
                _core.Log.Line("Gateway not reachable at start-up (" + GatewayErrors.Describe(list.ErrorCode) + "); trying again.");
                _sale.RetryLater(RequestKind.ListOpen);
                return;
            }
            _sale.ResetRetryBackoff();
            _core.Screen.GatewayStatus = LinkStatus.Ok;
            _core.Screen.BootProgressPercent = GatewayReachedPercent;
            _count = 0;
            _next = 0;
            _listAgain = list.Truncated;
            _firstIsJournalled = _journalledOrderId != null;
            int listed = list.Count < ListCapacity ? list.Count : ListCapacity;
            _orderIds = listed > 0 || _firstIsJournalled ? new string[listed + 1] : null;
            if (_firstIsJournalled)
            {
                _orderIds[_count++] = _journalledOrderId;
                _journalledOrderId = null;
            }
            string journalled = _firstIsJournalled ? _orderIds[0] : null;
            for (int i = 0; i < listed; i++)
            {
                string id = list.OrderId(i);
                if (id == journalled) continue;
                if (!OrderIds.IsWellFormed(id))
                {
                    // Signed by the gateway, yet no id this terminal could have made (or could send back): skipped.
                    _core.Log.Line("The gateway listed an open order id this terminal never makes (" + id.Length.ToString() + " characters); skipped.");
                    continue;
                }
                _orderIds[_count++] = id;
            }
            if (_count > 0) _core.Log.Line(_count.ToString() + " order(s) were open at the restart; settling them with the gateway.");
            SettleNext();
        }

        /// <summary>The next open order to the sale flow; once all are settled, the counter (or the list again).</summary>
        public void SettleNext()
        {
            if (_next < _count)
            {
                string orderId = _orderIds[_next];
                bool journalled = _next == 0 && _firstIsJournalled;
                _orderIds[_next] = null;
                _next++;
                if (journalled) _sale.Recover(orderId, _journalledAmountMinor, _journalledCurrency);
                else _sale.Recover(orderId, 0, null);
                return;
            }
            _count = 0;
            _next = 0;
            _orderIds = null;
            _firstIsJournalled = false;
            if (_listAgain)
            {
                _listAgain = false;
                _core.Enter(AppState.Recovering, ScreenId.Boot);
                AskForOpenOrders();
                return;
            }
            if (_journalCorrupt)
            {
                _journalCorrupt = false;
                _sale.ShowJournalCorrupt();
                return;
            }
            if (!_core.SelfTestFailed) _core.Log.Line("Ready for payments.");
            _sale.ReturnToCounter();
        }

        private void AskForOpenOrders()
        {
            _core.Request(RequestKind.ListOpen, null, 0, null);
        }
    }
}
