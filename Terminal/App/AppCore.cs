using Terminal.Drivers.Timing;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// What the sale flow and the technician area share: the app's state, its one outgoing request, whether the
    /// screen changed, the network link and the self-test verdict. The screen model is written here and by the
    /// parts, never read: what the logic decides comes from its own fields.
    /// </summary>
    public sealed class AppCore
    {
        public readonly PosSettings Settings;
        public readonly ScreenModel Screen;
        public readonly IClock Clock;
        public readonly IAppLog Log;

        private readonly AppRequest _next = new AppRequest();
        private int _state = AppState.Booting;
        private bool _screenChanged = true;
        private bool _requestReady;
        private int _inFlight = RequestKind.None;
        private bool _wifiUp;
        private string _ipAddress = "";
        private bool _selfTestFailed;
        private bool _abortWaitWanted;
        private int _sound = NoSound;

        /// <summary><see cref="TakeSound"/>'s answer when there is nothing to play.</summary>
        public const int NoSound = -1;

        public AppCore(PosSettings settings, ScreenModel screen, IClock clock, IAppLog log)
        {
            Settings = settings;
            Screen = screen;
            Clock = clock;
            Log = log;
        }

        public int State { get { return _state; } }

        /// <summary>The request the worker is running, or None.</summary>
        public int InFlight { get { return _inFlight; } }

        /// <summary>A request is queued or at the worker: a new one would have to wait.</summary>
        public bool Busy { get { return _inFlight != RequestKind.None || _requestReady; } }

        public bool WifiUp { get { return _wifiUp; } }
        public string IpAddress { get { return _ipAddress; } }

        /// <summary>The power-on self-test failed: this terminal takes no payments.</summary>
        public bool SelfTestFailed { get { return _selfTestFailed; } }

        public void SetSelfTestFailed(string failedItem)
        {
            _selfTestFailed = true;
            Screen.FailedItem = failedItem;
        }

        public void SetNetwork(bool wifiUp, string ipAddress)
        {
            _wifiUp = wifiUp;
            _ipAddress = ipAddress == null ? "" : ipAddress;
            Screen.WifiStatus = wifiUp ? LinkStatus.Ok : LinkStatus.Failed;
        }

        /// <summary>Moves to a state and the screen that shows it.</summary>
        public void Enter(int state, int screen)
        {
            _state = state;
            Screen.Screen = screen;
            _screenChanged = true;
        }

        /// <summary>Something on the model changed: the runner redraws.</summary>
        public void ScreenChanged()
        {
            _screenChanged = true;
        }

        public bool TakeScreenChanged()
        {
            bool changed = _screenChanged;
            _screenChanged = false;
            return changed;
        }

        /// <summary>Queues the next request for the worker (replacing one not yet taken).</summary>
        public void Request(int kind, string orderId, long amountMinor, string currencyCode)
        {
            _next.Kind = kind;
            _next.OrderId = orderId;
            _next.RefundId = null;
            _next.AmountMinor = amountMinor;
            _next.CurrencyCode = currencyCode;
            _next.ExpirySeconds = Settings.OrderExpirySeconds;
            _next.HoldMs = Settings.WaitHoldMs;
            _requestReady = true;
        }

        /// <summary>Queues a refund for the worker: its own id, the sale it refunds, the amount and currency.</summary>
        public void RequestRefund(string refundId, string orderId, long amountMinor, string currencyCode)
        {
            Request(RequestKind.Refund, orderId, amountMinor, currencyCode);
            _next.RefundId = refundId;
        }

        /// <summary>Asks the runner to play a <see cref="Terminal.Drivers.Sound.BuzzerPattern"/> (the latest ask wins).</summary>
        public void Sound(int pattern)
        {
            _sound = pattern;
        }

        /// <summary>The sound asked for since the last call, once; <see cref="NoSound"/> if none.</summary>
        public int TakeSound()
        {
            int sound = _sound;
            _sound = NoSound;
            return sound;
        }

        /// <summary>The kind of the request waiting to be taken, or RequestKind.None.</summary>
        public int NextRequestKind { get { return _requestReady ? _next.Kind : RequestKind.None; } }

        public bool TakeRequest(AppRequest into)
        {
            if (!_requestReady) return false;
            _requestReady = false;
            into.CopyFrom(_next);
            _inFlight = _next.Kind;
            return true;
        }

        /// <summary>
        /// Asks the runner to end the long poll at the worker now (the sale is being closed: its cancel must not
        /// wait for the gateway's hold). The poll then answers Unknown "aborted".
        /// </summary>
        public void AbortWaitInFlight()
        {
            if (_inFlight == RequestKind.Wait) _abortWaitWanted = true;
        }

        public bool TakeAbortWait()
        {
            bool wanted = _abortWaitWanted;
            _abortWaitWanted = false;
            return wanted;
        }

        /// <summary>Whole seconds from now until a deadline, rounded up (a countdown's figure); 0 once it passed.</summary>
        public static int SecondsUntil(long deadlineMs, long nowMs)
        {
            long left = deadlineMs - nowMs;
            if (left <= 0) return 0;
            return (int)((left + 999) / 1000);
        }

        /// <summary>The worker answered: returns the kind of request it answered.</summary>
        public int ReplyArrived()
        {
            int kind = _inFlight;
            _inFlight = RequestKind.None;
            _abortWaitWanted = false;
            return kind;
        }
    }
}
