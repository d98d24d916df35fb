using Terminal.Money;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// What the cashier sees between sales: the amount being keyed (cash-register style, in minor units) and
    /// the last sale's outcome for the '#' key. The sale flow starts from the one and records into the other.
    /// </summary>
    public sealed class CounterScreens
    {
        private const int ShortIdChars = 10; // boot id tail and counter: fits a title bar beside "Cancelled"

        private readonly AppCore _core;
        private readonly AmountEntry _entry;

        private int _lastEnd = -1;
        private long _lastAmountMinor;
        private Currency _lastCurrency;
        private string _lastOrderId;

        public CounterScreens(AppCore core)
        {
            _core = core;
            _entry = new AmountEntry(core.Settings.Currency, core.Settings.MaxAmountMinor);
        }

        public long AmountMinor { get { return _entry.AmountMinor; } }

        /// <summary>Applies a key to the amount; true when it was OK on an amount above zero.</summary>
        public bool Press(char keycap)
        {
            if (_entry.Press(keycap) == EntryResult.Submitted) return true;
            ShowAmount();
            return false;
        }

        /// <summary>The amount screen with the amount keyed so far.</summary>
        public void ShowAmount()
        {
            _core.Screen.AmountOverflowCue = _entry.ShowsOverflowCue;
            _core.Screen.SetAmount(_entry.AmountMinor, _core.Settings.Currency, _core.Settings.Language);
            _core.Enter(AppState.Idle, ScreenId.Amount);
        }

        /// <summary>Starts a new empty amount (after a sale).</summary>
        public void ResetAmount()
        {
            _entry.Reset();
        }

        public void RecordSale(int saleEnd, long amountMinor, Currency currency, string orderId)
        {
            _lastEnd = saleEnd;
            _lastAmountMinor = amountMinor;
            _lastCurrency = currency;
            _lastOrderId = orderId;
        }

        /// <summary>The last transaction's screen (or that there is none).</summary>
        public void ShowLastTransaction()
        {
            ScreenModel screen = _core.Screen;
            screen.LastOutcome = _lastEnd < 0 ? -1 : SaleEnd.Screen(_lastEnd);
            screen.OrderId = ShortId(_lastOrderId);
            if (_lastEnd >= 0) screen.SetAmount(_lastAmountMinor, _lastCurrency, _core.Settings.Language);
            _core.Enter(AppState.LastTransaction, ScreenId.LastTransaction);
        }

        /// <summary>The tail of an order id that fits a text line: the boot id's end and the counter.</summary>
        public static string ShortId(string orderId)
        {
            if (orderId == null || orderId.Length <= ShortIdChars) return orderId;
            return orderId.Substring(orderId.Length - ShortIdChars);
        }
    }
}
