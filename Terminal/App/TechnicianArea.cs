using Terminal.Config;
using Terminal.Diagnostics;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Text;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// The technician's side of the terminal: PIN entry with lockout after wrong PINs, the menu, its result
    /// pages (info, gateway test, self-test, timing probe; the tests run at the network worker, never on the UI
    /// thread), the keypad and display test screens, and the manager's refund (<see cref="ManagerRefund"/>). It
    /// never touches a sale: it is reached only from an empty amount or a failed self-test, and hands back with
    /// <see cref="OnKey"/> returning true.
    /// </summary>
    public sealed class TechnicianArea
    {
        private const int MaxPinChars = TerminalConfig.MaxPinDigits;
        private const int MenuProbeRepetitions = 2; // the page waits for the probe: keep it short

        // The menu's keys.
        private const char InfoKey = '1';
        private const char GatewayTestKey = '2';
        private const char KeypadTestKey = '3';
        private const char DisplayTestKey = '4';
        private const char SelfTestKey = '5';
        private const char ProbeKey = '6';
        private const char RefundKey = '7';

        private readonly AppCore _core;
        private readonly PosSettings _settings;
        private readonly ScreenModel _screen;
        private readonly IWallClock _wallClock;
        private readonly char[] _pin = new char[MaxPinChars];

        private int _pinLength;
        private readonly PinLockout _lockout;
        private readonly ManagerRefund _refund;
        private int _refusedSeconds;   // the lockout's seconds on the refusal notice; 0: no PIN provisioned
        private long _refusedUntilMs;
        private int _lineCount;
        private int _lineCapacity = ScreenModel.PageLines; // the lines the page shown has room for
        private int _firstLine;
        private char _keypadTestPrevious;
        private int _testPattern;

        public TechnicianArea(AppCore core, IWallClock wallClock, PinLockout lockout, ManagerRefund refund)
        {
            _lockout = lockout;
            _refund = refund;
            _core = core;
            _settings = core.Settings;
            _screen = core.Screen;
            _wallClock = wallClock;
        }

        /// <summary>The manager's refund (menu 7), which the app also hands the worker's refund answers.</summary>
        public ManagerRefund Refund { get { return _refund; } }

        /// <summary>'*' from an empty amount or a failed self-test: PIN entry, unless no PIN or locked out.</summary>
        public void BeginPinEntry()
        {
            if (_settings.TechnicianPin == null || _settings.TechnicianPin.Length == 0)
            {
                _core.Log.Line("Technician menu refused: no PIN is provisioned on this terminal.");
                ShowRefused(0);
                return;
            }
            long now = _core.Clock.NowMs;
            if (_lockout.IsLocked)
            {
                int secondsLeft = AppCore.SecondsUntil(_lockout.LockedUntilMs, now);
                _core.Log.Line("Technician menu locked after wrong PINs for " + secondsLeft.ToString() + " s more.");
                ShowRefused(secondsLeft);
                return;
            }
            _pinLength = 0;
            _screen.PinDigits = 0; // the PIN's own length is never shown
            _core.Enter(AppState.PinEntry, ScreenId.PinEntry);
        }

        /// <summary>Clock tick: the lockout's countdown (and its copy in flash), a pending refund's retry.</summary>
        public void OnTick()
        {
            _lockout.OnTick();
            _refund.OnTick();
        }

        /// <summary>A key in a technician state; true when the technician left (the app shows the counter again).</summary>
        public bool OnKey(char keycap)
        {
            bool leaves = false; // one exit: see Texts.Get
            switch (_core.State)
            {
                case AppState.PinEntry: leaves = OnPinKey(keycap); break;
                case AppState.TechRefused: leaves = true; break; // any key: back to where '*' was pressed
                case AppState.TechMenu: leaves = OnMenuKey(keycap); break;
                case AppState.TechInfo:
                case AppState.TechSelfTest:
                case AppState.TechGatewayTest:
                    OnResultPageKey(keycap);
                    break;
                case AppState.KeypadTest:
                    OnKeypadTestKey(keycap);
                    break;
                case AppState.DisplayTest:
                    if (keycap == Keycaps.Cancel) ShowMenu();
                    else ShowTestPattern((_testPattern + 1) % ScreenModel.TestPatternCount);
                    break;
                case AppState.RefundList:
                case AppState.RefundAmount:
                case AppState.RefundConfirm:
                case AppState.Refunding:
                case AppState.RefundResult:
                    if (_refund.OnKey(keycap)) ShowMenu();
                    break;
            }
            return leaves;
        }

        // ------------------------------------------------------------------ refused: locked or no PIN

        /// <summary>Says on the panel why the menu does not open: the lockout with its time left, or no PIN (0).</summary>
        private void ShowRefused(int lockedSeconds)
        {
            _refusedSeconds = lockedSeconds;
            _refusedUntilMs = _core.Clock.NowMs + _settings.EndedScreenTimeoutMs;
            _screen.LockedSeconds = lockedSeconds;
            _core.Enter(AppState.TechRefused, ScreenId.TechRefused);
        }

        /// <summary>The refusal's clock: the lockout counts down on the panel; true when the notice is over.</summary>
        public bool OnRefusedTick()
        {
            long now = _core.Clock.NowMs;
            if (_refusedSeconds > 0)
            {
                int secondsLeft = AppCore.SecondsUntil(_lockout.LockedUntilMs, now);
                if (secondsLeft <= 0) return true; // the lockout is over: * opens PIN entry again
                if (secondsLeft != _refusedSeconds)
                {
                    _refusedSeconds = secondsLeft;
                    _screen.LockedSeconds = secondsLeft;
                    _core.ScreenChanged();
                }
            }
            return now >= _refusedUntilMs;
        }

        // ------------------------------------------------------------------ PIN

        private bool OnPinKey(char keycap)
        {
            if (Keycaps.IsDigit(keycap))
            {
                if (_pinLength < MaxPinChars) _pin[_pinLength++] = keycap;
            }
            else if (keycap == Keycaps.Backspace)
            {
                if (_pinLength > 0) _pinLength--;
            }
            else if (keycap == Keycaps.Cancel)
            {
                _pinLength = 0;
                return true;
            }
            else if (keycap == Keycaps.Ok)
            {
                if (PinCheck.Matches(_settings.TechnicianPin, _pin, _pinLength))
                {
                    _lockout.RecordSuccess();
                    _pinLength = 0;
                    _core.Log.Line("Technician menu opened.");
                    ShowMenu();
                    return false;
                }
                _pinLength = 0;
                _lockout.RecordFailure();
                if (_lockout.IsLocked)
                {
                    _core.Log.Line("Wrong technician PIN (" + _settings.MaxPinTries.ToString() + " of " + _settings.MaxPinTries.ToString()
                        + "): the menu is locked for " + (_settings.PinLockoutMs / 1000).ToString() + " s, across restarts.");
                    return true;
                }
                _core.Log.Line("Wrong technician PIN (" + _lockout.Failures.ToString() + " of " + _settings.MaxPinTries.ToString() + ").");
            }
            _screen.PinDigits = _pinLength;
            _core.ScreenChanged();
            return false;
        }

        // ------------------------------------------------------------------ the menu

        private void ShowMenu()
        {
            ClearLines();
            AddLine(Texts.MenuInfoGateway);
            AddLine(Texts.MenuKeypadDisplay);
            AddLine(Texts.MenuSelfTestTiming);
            AddLine(Texts.MenuRefund);
            _screen.MenuSelection = -1;
            _screen.MenuFirstLine = 0;
            _screen.MenuScrolls = false;
            _core.Enter(AppState.TechMenu, ScreenId.TechMenu);
        }

        private bool OnMenuKey(char keycap)
        {
            switch (keycap)
            {
                case InfoKey: ShowInfo(); break;
                case GatewayTestKey: StartTest(AppState.TechGatewayTest, Texts.GatewayTest, RequestKind.Ping); break;
                case KeypadTestKey:
                    _keypadTestPrevious = '\0';
                    _screen.LastKey = '\0';
                    _core.Enter(AppState.KeypadTest, ScreenId.KeypadTest);
                    break;
                case DisplayTestKey:
                    ShowTestPattern(ScreenModel.TestPatternCheckerboard);
                    _core.Enter(AppState.DisplayTest, ScreenId.DisplayTest);
                    break;
                case SelfTestKey: StartTest(AppState.TechSelfTest, Texts.SelfTestTitle, RequestKind.SelfTest); break;
                case ProbeKey: StartTest(AppState.TechSelfTest, Texts.ProbeTitle, RequestKind.Probe); break;
                case RefundKey: _refund.Open(); break;
                case Keycaps.Cancel: return true;
                default: break;
            }
            return false;
        }

        private void ShowInfo()
        {
            ClearLines();
            AddLine("FW " + FirmwareInfo.Version);
            AddLine("ID " + _settings.TerminalId);
            AddLine("WiFi " + (_core.WifiUp ? _settings.WifiSsid : Texts.Get(Texts.WifiDown, _settings.Language)));
            AddLine("IP " + _core.IpAddress);
            AddLine("GW " + _settings.GatewayUrl);
            AddLine("UTC " + UtcText.Minutes(_wallClock.UnixSeconds)); // TLS and signatures fail when the clock is wrong
            EnterResultPage(AppState.TechInfo);
        }

        /// <summary>A test that runs at the worker: its page says "waiting" until the answer arrives.</summary>
        private void StartTest(int state, int title, int requestKind)
        {
            if (_core.Busy)
            {
                // The worker has a request of the sale flow (recovery after a restart): never replace it.
                _core.Log.Line("Technician test not started: the terminal is waiting for the gateway; try again shortly.");
                return;
            }
            ClearLines();
            AddLine(title);
            AddLine(Texts.Waiting);
            EnterResultPage(state);
            _core.Request(requestKind, null, 0, null);
        }

        // ------------------------------------------------------------------ answers from the worker

        public void OnPingReply(GatewayReply reply)
        {
            bool ok = reply.Outcome == GatewayOutcome.Ok;
            ClearLines();
            AddLine(Texts.GatewayTest);
            if (ok) AddLine(Texts.Get(Texts.TestOk, _settings.Language) + reply.RoundTripMs.ToString() + " ms");
            else AddLine(Texts.Get(Texts.TestFailed, _settings.Language) + GatewayErrors.Describe(reply.ErrorCode));
            _core.ScreenChanged();
            _core.Log.Line("Technician gateway test: " + (ok ? "OK " + reply.RoundTripMs.ToString() + " ms" : "failed (" + GatewayErrors.Describe(reply.ErrorCode) + ")"));
        }

        public void OnSelfTestDone(SelfTestReport report)
        {
            bool passed = report.AllPassed;
            ClearLines();
            AddLine(Texts.SelfTestTitle);
            AddLine((passed ? "PASS " : "FAIL ") + report.Passed.ToString() + "/" + (report.Passed + report.Failed).ToString());
            if (!passed) AddLine(report.FirstFailedItem);
            _core.ScreenChanged();
            _core.Log.Line("Technician self-test: " + (passed ? "PASS" : "FAIL at " + report.FirstFailedItem));
        }

        /// <summary>The probe's figures, every item (2 and 8 scroll); the serial port gets nothing.</summary>
        public void OnProbeDone(ProbeReport report)
        {
            ClearLines();
            // Two lines per item: the full name (up to 21 characters fit a line), then the time with its unit; more than
            // the model keeps, so the page brings its own lines.
            _lineCapacity = ScreenModel.MaxMenuLines;
            _screen.UseMenuLines(new string[_lineCapacity]);
            for (int i = 0; i < report.Items && _lineCount + 2 <= _lineCapacity; i++)
            {
                AddLine(report.Name(i));
                AddLine("   " + report.MsPerOperation(i) + " ms");
            }
            _core.ScreenChanged();
            _core.Log.Line("Technician timing probe: " + report.Items.ToString() + " items, " + MenuProbeRepetitions.ToString() + " repetitions each.");
        }

        /// <summary>How many times the probe repeats each item when the menu asks for it.</summary>
        public static int ProbeRepetitions { get { return MenuProbeRepetitions; } }

        // ------------------------------------------------------------------ result pages and test screens

        /// <summary>Result pages scroll with 2 and 8; any other key goes back to the menu (after a test's answer).</summary>
        private void OnResultPageKey(char keycap)
        {
            if (keycap == Keycaps.ScrollDown && _firstLine + ScreenModel.MenuVisibleLines < _lineCount) { ScrollTo(_firstLine + 1); return; }
            if (keycap == Keycaps.ScrollUp && _firstLine > 0) { ScrollTo(_firstLine - 1); return; }
            if (keycap == Keycaps.ScrollUp || keycap == Keycaps.ScrollDown) return;
            if (!_core.Busy) ShowMenu();
        }

        private void ScrollTo(int firstLine)
        {
            _firstLine = firstLine;
            _screen.MenuFirstLine = firstLine;
            _core.ScreenChanged();
        }

        private void EnterResultPage(int state)
        {
            _firstLine = 0;
            _screen.MenuSelection = -1;
            _screen.MenuFirstLine = 0;
            _screen.MenuScrolls = true;
            _core.Enter(state, ScreenId.TechMenu);
        }

        private void OnKeypadTestKey(char keycap)
        {
            // Every key is shown, Cancel included; Cancel twice in a row leaves the test.
            if (keycap == Keycaps.Cancel && _keypadTestPrevious == Keycaps.Cancel)
            {
                ShowMenu();
                return;
            }
            _keypadTestPrevious = keycap;
            _screen.LastKey = keycap;
            _core.ScreenChanged();
        }

        private void ShowTestPattern(int pattern)
        {
            _testPattern = pattern;
            _screen.TestPattern = pattern;
            _core.ScreenChanged();
        }

        private void ClearLines()
        {
            _lineCount = 0;
            _lineCapacity = ScreenModel.PageLines;
            _screen.UseOwnMenuLines();
            _screen.MenuLineCount = 0;
        }

        private void AddLine(int text)
        {
            AddLine(Texts.Get(text, _settings.Language));
        }

        private void AddLine(string line)
        {
            if (_lineCount >= _lineCapacity) return;
            _screen.SetMenuLine(_lineCount, line);
            _lineCount++;
            _screen.MenuLineCount = _lineCount;
        }
    }
}
