using Terminal.Drivers.Storage;
using Terminal.Gateway;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// Power-on: the orders a restart left open are settled before a new payment is taken. They are the one
    /// journalled in flash before its create was sent, and the gateway's list of this terminal's open orders;
    /// <see cref="SaleFlow"/> settles each (asks its fate, cancels it if still open, shows the outcome) and
    /// comes back here for the next. A truncated list is asked for again once these are settled.
    /// </summary>
    public sealed class RestartRecovery
    {
        private const int ListCapacity = OpenOrderList.Capacity;

        // The boot screen's progress bar: self-test passed, gateway reached.
        private const int SelfTestDonePercent = 50;
        private const int GatewayReachedPercent = 100;

        private readonly AppCore _core;
        private readonly SaleFlow _sale;
        private readonly INonVolatileSlot _openOrderSlot;
        private readonly string[] _orderIds = new string[ListCapacity + 1]; // + the journalled order
        private int _count;
        private int _next;
        private bool _listAgain;
        private string _journalledOrderId;

        public RestartRecovery(AppCore core, SaleFlow sale, INonVolatileSlot openOrderSlot)
        {
            _core = core;
            _sale = sale;
            _openOrderSlot = openOrderSlot;
        }

        /// <summary>Orders of this list not settled yet.</summary>
        public bool OrdersLeft { get { return _next < _count; } }

        /// <summary>Orders left, or a truncated list to ask for again.</summary>
        public bool InProgress { get { return _next < _count || _listAgain; } }

        /// <summary>Reads the journalled order and asks the gateway for this terminal's open orders.</summary>
        public void Start(bool takesPayments)
        {
            _journalledOrderId = _openOrderSlot.Read();
            if (_journalledOrderId != null)
                _core.Log.Line("Sale " + _journalledOrderId + " was in progress when the power went; asking the gateway how it ended.");
            if (takesPayments)
            {
                _core.Screen.BootProgressPercent = SelfTestDonePercent;
                _core.Screen.GatewayStatus = LinkStatus.Connecting;
                _core.Enter(AppState.Recovering, ScreenId.Boot);
                _core.Log.Line("Self-test passed. Asking the gateway for orders left open before the restart.");
            }
            AskForOpenOrders();
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
            _core.Screen.GatewayStatus = LinkStatus.Ok;
            _core.Screen.BootProgressPercent = GatewayReachedPercent;
            _count = 0;
            _next = 0;
            _listAgain = list.Truncated;
            if (_journalledOrderId != null)
            {
                _orderIds[_count++] = _journalledOrderId;
                _journalledOrderId = null;
            }
            string journalled = _count == 1 ? _orderIds[0] : null;
            for (int i = 0; i < list.Count && i < ListCapacity; i++)
                if (list.OrderId(i) != journalled) _orderIds[_count++] = list.OrderId(i);
            if (_count > 0) _core.Log.Line(_count.ToString() + " order(s) were open at the restart; settling them with the gateway.");
            SettleNext();
        }

        /// <summary>The next open order to the sale flow; once all are settled, the counter (or the list again).</summary>
        public void SettleNext()
        {
            if (_next < _count)
            {
                string orderId = _orderIds[_next];
                _orderIds[_next] = null;
                _next++;
                _sale.Recover(orderId);
                return;
            }
            _count = 0;
            _next = 0;
            if (_listAgain)
            {
                _listAgain = false;
                _core.Enter(AppState.Recovering, ScreenId.Boot);
                AskForOpenOrders();
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
