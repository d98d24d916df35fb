namespace Terminal.Gateway
{
    /// <summary>The terminal's open (pending) orders as the gateway lists them, for recovery after a reboot.</summary>
    public sealed class OpenOrderList
    {
        public const int Capacity = 16;

        private readonly string[] _orderIds = new string[Capacity];

        public int Count;

        /// <summary>The gateway holds more open orders than <see cref="Capacity"/>: list again after settling these.</summary>
        public bool Truncated;

        /// <summary>Outcome of the listing call (Ok, Rejected or Unknown) and its error code.</summary>
        public int Outcome;
        public string ErrorCode;

        public string OrderId(int index) { return _orderIds[index]; }

        public void Clear()
        {
            for (int i = 0; i < Count; i++) _orderIds[i] = null;
            Count = 0;
            Truncated = false;
            Outcome = GatewayOutcome.None;
            ErrorCode = null;
        }

        public void Add(string orderId)
        {
            if (Count < Capacity) _orderIds[Count++] = orderId;
        }
    }
}
