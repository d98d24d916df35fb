using Terminal.Money;

namespace Terminal.Gateway
{
    /// <summary>
    /// This terminal's last paid sales as the gateway lists them (docs/gateway-protocol.md 6.3), for the manager's
    /// refund screens. Made once: <see cref="GatewayClient.ListRecentSales"/> parses into these fixed slots, newest
    /// paid first; the currency is the table's own object, so a listing keeps no string but the order ids.
    /// </summary>
    public sealed class RecentSales
    {
        /// <summary>Sales asked for and kept: the refund list shows them on two screens at most.</summary>
        public const int Capacity = 5;

        private readonly string[] _orderIds = new string[Capacity];
        private readonly Currency[] _currencies = new Currency[Capacity];

        // Per sale: paid amount, refunded so far (made or pending), paid time (Unix seconds).
        private readonly long[] _figures = new long[3 * Capacity];

        public int Count;

        /// <summary>Outcome of the listing call (Ok, Rejected or Unknown) and its error code.</summary>
        public int Outcome;
        public string ErrorCode;

        public string OrderId(int index) { return _orderIds[index]; }
        public Currency Currency(int index) { return _currencies[index]; }
        public long AmountMinor(int index) { return _figures[3 * index]; }
        public long RefundedMinor(int index) { return _figures[3 * index + 1]; }
        public long PaidAtUnix(int index) { return _figures[3 * index + 2]; }

        /// <summary>What can still be refunded of this sale: paid minus refunds made or pending.</summary>
        public long RefundableMinor(int index) { return _figures[3 * index] - _figures[3 * index + 1]; }

        public void Clear()
        {
            for (int i = 0; i < Capacity; i++)
            {
                _orderIds[i] = null;
                _currencies[i] = null;
            }
            Count = 0;
            Outcome = GatewayOutcome.None;
            ErrorCode = null;
        }

        public void Add(string orderId, long amountMinor, Currency currency, long refundedMinor, long paidAtUnix)
        {
            if (Count >= Capacity) return;
            _orderIds[Count] = orderId;
            _currencies[Count] = currency;
            _figures[3 * Count] = amountMinor;
            _figures[3 * Count + 1] = refundedMinor;
            _figures[3 * Count + 2] = paidAtUnix;
            Count++;
        }
    }
}
