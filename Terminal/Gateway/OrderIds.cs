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

        private readonly string _prefix;
        private readonly char[] _counterText = new char[10];
        private long _counter;

        /// <param name="terminalId">The provisioned terminal id.</param>
        /// <param name="bootRandom">8 bytes from the entropy source, drawn once per boot.</param>
        public OrderIds(string terminalId, byte[] bootRandom)
        {
            _prefix = terminalId + "-" + Hex.Of(bootRandom, 0, 8) + "-";
        }

        /// <summary>The next id (one small string per transaction).</summary>
        public string Next()
        {
            _counter++;
            int n = AsciiDecimal.Write(_counter, _counterText, 0);
            string digits = new string(_counterText, 0, n);
            while (digits.Length < CounterDigits) digits = "0" + digits;
            return _prefix + digits;
        }
    }
}
