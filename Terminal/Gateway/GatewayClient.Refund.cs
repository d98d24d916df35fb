namespace Terminal.Gateway
{
    /// <summary>The refund call of docs/gateway-protocol.md 6.1 (kept apart from the sale's calls in GatewayClient.cs).</summary>
    public sealed partial class GatewayClient
    {
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
