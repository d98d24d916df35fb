namespace Terminal.Gateway
{
    /// <summary>The terminal's open (pending) orders as the gateway lists them, for recovery after a reboot.</summary>
    public sealed class OpenOrderList
    {
        public const int Capacity = 16;

        // Made by the first Add and dropped by Clear: the list is read once, at boot, and usually holds no order,
        // while 16 references cost 432 bytes of heap for the terminal's life on the bench (docs/memory.md).
        private string[] _orderIds;

        public int Count;

        /// <summary>The gateway holds more open orders than <see cref="Capacity"/>: list again after settling these.</summary>
        public bool Truncated;

        /// <summary>Outcome of the listing call (Ok, Rejected or Unknown) and its error code.</summary>
        public int Outcome;
        public string ErrorCode;

        public string OrderId(int index) { return _orderIds[index]; }

        public void Clear()
        {
            _orderIds = null;
            Count = 0;
            Truncated = false;
            Outcome = GatewayOutcome.None;
            ErrorCode = null;
        }

        public void Add(string orderId)
        {
            if (Count == Capacity) return;
            if (_orderIds == null) _orderIds = new string[Capacity];
            _orderIds[Count++] = orderId;
        }
    }
}
