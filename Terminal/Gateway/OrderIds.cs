using Terminal.Text;

namespace Terminal.Gateway
{
    /// <summary>
    /// Terminal-generated order ids, the gateway's idempotency key: "&lt;terminal&gt;-&lt;boot&gt;-&lt;counter&gt;",
    /// e.g. "T0001-9f3c0a7e51d2b864-000017". Why an id never repeats:
    /// - within one boot the counter only increases (at 6+ digits it cannot wrap in a terminal's life);
    /// - across boots the 64-bit boot value is drawn afresh from the entropy source at every start
    ///   (the ESP32's hardware RNG on the device), so two boots share it with probability 2^-64 per pair -
    ///   and a persisted counter is not needed, which matters because flash writes can be lost at power-off;
    /// - across terminals the terminal id differs.
    /// At most 24 + 1 + 16 + 1 + 10 = 52 characters: under Alipay's 64 for out_trade_no.
    /// </summary>
    public sealed class OrderIds
    {
        private const int CounterDigits = 6;

        /// <summary>The longest id this class makes: terminal id, '-', 16 hex, '-', at most 10 counter digits.</summary>
        public const int MaxChars = TerminalIdRule.MaxChars + 1 + 16 + 1 + 10;

        private readonly string _prefix;
        private readonly char[] _counterText = new char[10];
        private long _counter;

        /// <param name="terminalId">The provisioned terminal id.</param>
        /// <param name="bootRandom">8 bytes from the entropy source, drawn once per boot.</param>
        public OrderIds(string terminalId, byte[] bootRandom)
        {
            _prefix = terminalId + "-" + Hex.Of(bootRandom, 0, 8) + "-";
        }

        /// <summary>
        /// True for text shaped like an id of this class (1-<see cref="MaxChars"/> ASCII letters, digits and '-'):
        /// an id read back from flash is checked with it before it is ever sent to the gateway.
        /// </summary>
        public static bool IsWellFormed(string id)
        {
            if (id == null || id.Length < 1 || id.Length > MaxChars) return false;
            for (int i = 0; i < id.Length; i++)
                if (!TerminalIdRule.IsIdChar(id[i])) return false;
            return true;
        }

        /// <summary>The next order id (one small string per transaction).</summary>
        public string Next()
        {
            return _prefix + NextCounter();
        }

        /// <summary>
        /// The next refund id (protocol 6.1): the same form with 'R' before the counter, e.g.
        /// "T0001-9f3c0a7e51d2b864-R000018". The counter is the order ids' own, so no id of this boot repeats.
        /// </summary>
        public string NextRefund()
        {
            return _prefix + RefundMarker + NextCounter();
        }

        /// <summary>Marks a refund id: never in an order id, whose counter is digits only.</summary>
        public const char RefundMarker = 'R';

        private string NextCounter()
        {
            _counter++;
            int n = AsciiDecimal.Write(_counter, _counterText, 0);
            string digits = new string(_counterText, 0, n);
            while (digits.Length < CounterDigits) digits = "0" + digits;
            return digits;
        }
    }
}
