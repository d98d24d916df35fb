using Terminal.Money;

namespace Terminal.App
{
    /// <summary>The app's configuration: provisioned values and the timing of the flows, with units.</summary>
    public sealed class PosSettings
    {
        public Currency Currency = CurrencyTable.Default;
        public int Language = Terminal.Language.Norwegian;
        public long MaxAmountMinor = AmountEntry.DefaultMaxMinor;

        /// <summary>How long the gateway keeps a code payable (Alipay+ allows under 30 minutes; a counter needs 2).</summary>
        public int OrderExpirySeconds = 120;

        /// <summary>The long poll's hold (a Cancel ends the poll in flight at once: it does not wait for the hold).</summary>
        public int WaitHoldMs = 5000;

        /// <summary>PAID stays until a key press when 0; otherwise returns to the amount after this time.</summary>
        public int PaidScreenTimeoutMs = 0;

        /// <summary>OK is not taken as the acknowledgement of PAID this soon after PAID appears.</summary>
        public int PaidAcknowledgeGuardMs = 1500;

        /// <summary>Cancelled / expired / failed screens return to the amount after this time (or a key).</summary>
        public int EndedScreenTimeoutMs = 8000;

        /// <summary>Creating longer than this tells the cashier the gateway is slow.</summary>
        public int SlowGatewayMs = 3000;

        /// <summary>Pause before asking again after the network failed (wait, cancel, recovery).</summary>
        public int RetryDelayMs = 2000;

        /// <summary>The longest pause between retries: the delay doubles from RetryDelayMs up to this.</summary>
        public int MaxRetryDelayMs = 16000;

        /// <summary>Technician PIN provisioned for this device; null or empty keeps the menu locked.</summary>
        public string TechnicianPin;

        public int MaxPinTries = 3;
        public int PinLockoutMs = 60000;

        public string TerminalId = "";
        public string WifiSsid = "";
        public string GatewayUrl = "";
    }
}
