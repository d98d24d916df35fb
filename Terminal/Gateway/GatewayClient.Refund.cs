using Terminal.Money;

namespace Terminal.Gateway
{
    /// <summary>
    /// The refund calls of docs/gateway-protocol.md 6 (kept apart from the sale's calls in GatewayClient.cs): the
    /// refund itself (6.1) and the list of this terminal's last paid sales the manager chooses from (6.3).
    /// </summary>
    public sealed partial class GatewayClient
    {
        /// <summary>
        /// This terminal's last paid sales, newest first, at most <see cref="RecentSales.Capacity"/>: Outcome Ok
        /// with the sales parsed into <paramref name="list"/>'s fixed slots; Rejected (a signed error) or Unknown
        /// (no trustworthy answer, or one that breaks a rule below) with an empty list. Retried like the open-order
        /// list (a read commits nothing).
        /// </summary>
        public void ListRecentSales(RecentSales list)
        {
            GatewayReply reply = new GatewayReply(); // per listing, as ListOpenOrders
            list.Clear();
            _writer.BeginObject();
            _writer.Member("limit", RecentSales.Capacity);
            _writer.EndObject();
            for (int attempt = 1; attempt <= _config.MaxAttempts; attempt++)
            {
                Backoff(attempt);
                list.Clear();
                reply.Clear();
                int result = SafeExchange(GatewayPaths.Recent, _config.RequestTimeoutMs, reply);
                if (result == ExchangeRejected) break;
                if (result != ExchangeAnswered) continue;
                if (ReadRecentSales(list))
                {
                    reply.Outcome = GatewayOutcome.Ok;
                    break;
                }
                list.Clear();
                Unknown(reply, GatewayErrors.Malformed);
            }
            list.Outcome = reply.Outcome;
            list.ErrorCode = reply.ErrorCode;
        }

        /// <summary>
        /// The answer's five arrays, one item per sale, all of one length (at most what was asked for): ids this
        /// terminal makes and owns, amounts of at least 1, refunded totals from 0 to the amount, known currencies,
        /// paid times. Anything else is false: the whole list is refused, never partly shown.
        /// </summary>
        private bool ReadRecentSales(RecentSales list)
        {
            int count = _reader.ArrayLength("orderIds");
            if (count < 0 || count > RecentSales.Capacity || _reader.ArrayLength("amountMinor") != count
                || _reader.ArrayLength("currency") != count || _reader.ArrayLength("refundedTotalMinor") != count
                || _reader.ArrayLength("paidAt") != count) return false;
            for (int i = 0; i < count; i++)
            {
                long amount;
                long refunded;
                long paidAt;
                if (!_reader.TryGetArrayInteger("amountMinor", i, out amount) || amount < 1
                    || !_reader.TryGetArrayInteger("refundedTotalMinor", i, out refunded) || refunded < 0 || refunded > amount
                    || !_reader.TryGetArrayInteger("paidAt", i, out paidAt) || paidAt < 0) return false;
                Currency currency = null;
                for (int c = 0; c < CurrencyTable.Count && currency == null; c++)
                    if (_reader.ArrayStringEquals("currency", i, CurrencyTable.CodeAt(c))) currency = CurrencyTable.At(c);
                if (currency == null) return false;
                string orderId = _reader.GetArrayString("orderIds", i);
                if (!OrderIds.IsWellFormed(orderId) || !IsThisTerminals(orderId)) return false;
                list.Add(orderId, amount, currency, refunded, paidAt);
            }
            return true;
        }

        /// <summary>True for an id that starts with this terminal's id and '-' (protocol 3: ids belong to their terminal).</summary>
        private bool IsThisTerminals(string orderId)
        {
            string terminalId = _config.TerminalId;
            if (orderId.Length <= terminalId.Length + 1 || orderId[terminalId.Length] != '-') return false;
            for (int i = 0; i < terminalId.Length; i++)
                if (orderId[i] != terminalId[i]) return false;
            return true;
        }

        /// <summary>
        /// Asks for a refund of a paid order, with the terminal's own <paramref name="refundId"/> (the same id on
        /// every retry and every later call until the refund is final). Outcomes (section 6.2):
        /// <see cref="GatewayOutcome.Refunded"/> only for a signed, fresh answer about this refund id, order, amount
        /// and currency saying REFUNDED; <see cref="GatewayOutcome.Rejected"/> for REFUND_REFUSED
        /// (<see cref="GatewayErrors.RefundRefused"/>) or a signed error (the gateway's code); otherwise
        /// <see cref="GatewayOutcome.Unknown"/> (REFUND_PENDING is <see cref="GatewayErrors.RefundPending"/>): ask
        /// again later with the same id. Unknown is never "refunded".
        /// </summary>
        public void RefundOrder(string orderId, string refundId, long amountMinor, string currencyCode, string reason, string operatorRole,
            GatewayReply reply)
        {
            reply.Clear();
            reply.OrderId = orderId;
            _writer.BeginObject();
            _writer.Member("orderId", orderId);
            _writer.Member("refundId", refundId);
            _writer.Member("amountMinor", amountMinor);
            _writer.Member("currency", currencyCode);
            _writer.Member("reason", reason);
            _writer.Member("operator", operatorRole);
            _writer.EndObject();
            for (int attempt = 1; attempt <= _config.MaxAttempts; attempt++)
            {
                Backoff(attempt);
                int result = SafeExchange(GatewayPaths.Refund, _config.RequestTimeoutMs, reply);
                if (result == ExchangeRejected) return;
                if (result != ExchangeAnswered) continue;
                ReadRefund(orderId, refundId, amountMinor, currencyCode, reply);
                // A signed REFUND_PENDING is an answer: the gateway is already retrying with Alipay; ask later.
                if (reply.Outcome != GatewayOutcome.Unknown || reply.ErrorCode == GatewayErrors.RefundPending) return;
            }
        }

        /// <summary>Reads a refund answer; anything not about this very refund, or not complete, is Unknown.</summary>
        private void ReadRefund(string orderId, string refundId, long amountMinor, string currencyCode, GatewayReply reply)
        {
            long amount;
            if (!_reader.StringEquals("orderId", orderId) || !_reader.StringEquals("refundId", refundId)
                || !_reader.TryGetInteger("amountMinor", out amount) || amount != amountMinor || !_reader.StringEquals("currency", currencyCode))
            {
                Unknown(reply, GatewayErrors.WrongOrder);
                return;
            }
            reply.AmountMinor = amount;
            reply.Currency = currencyCode;
            if (_reader.StringEquals("status", GatewayPaths.StatusRefunded))
            {
                reply.ErrorCode = null;
                reply.Outcome = GatewayOutcome.Refunded;
            }
            else if (_reader.StringEquals("status", GatewayPaths.StatusRefundRefused))
            {
                reply.ErrorCode = GatewayErrors.RefundRefused;
                reply.Outcome = GatewayOutcome.Rejected;
            }
            else if (_reader.StringEquals("status", GatewayPaths.StatusRefundPending))
            {
                Unknown(reply, GatewayErrors.RefundPending);
            }
            else
            {
                Unknown(reply, GatewayErrors.Malformed);
            }
        }
    }
}
