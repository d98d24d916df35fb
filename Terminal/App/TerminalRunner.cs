using System;
using System.Threading;
using Terminal.Diagnostics;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Sound;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// Owns the threads around the deterministic <see cref="PosApp"/>:
    /// - the UI loop (<see cref="RunUiStep"/>, called every few ms): scans the keypad, feeds key events, network
    ///   replies and clock ticks to the app, hands its request to the worker, redraws and flushes the panel.
    ///   It never blocks on the network;
    /// - one worker thread that runs the blocking <see cref="GatewayClient"/> calls, and the technician's
    ///   self-test and timing probe, one at a time.
    /// The app has at most one request outstanding, so one request slot and one reply slot suffice.
    /// </summary>
    public sealed class TerminalRunner
    {
        private readonly PosApp _app;
        private readonly MatrixKeypad _keypad;
        private readonly OledPanel _panel;
        private readonly FrameBuffer _frame;
        private readonly ScreenModel _model;
        private readonly GatewayClient _gateway;
        private readonly Buzzer _buzzer;
        private readonly QrCode _qr;
        private readonly byte[] _workspace;    // the terminal's shared workspace: the probe draws its frame there (idle on the worker)
        private readonly IClock _clock;
        private readonly IAppLog _log;
        private readonly KeyEvent _keyEvent = new KeyEvent();
        private readonly AppRequest _workerRequest = new AppRequest();
        private readonly GatewayReply _reply = new GatewayReply();
        private readonly OpenOrderList _openOrders = new OpenOrderList();
        private RecentSales _recentSales; // made per listing for the manager's refund (a rare, deliberate action)
        private SelfTestReport _selfTestReport; // made per technician run (a rare, deliberate action)
        private ProbeReport _probeReport;
        private readonly AutoResetEvent _requestPosted = new AutoResetEvent(false);
        private bool _abortingWait; // UI thread only: the app wants the long poll in flight ended
        private readonly AutoResetEvent _replyPosted = new AutoResetEvent(false);
        private readonly object _sync = new object();

        private bool _requestPending;   // posted by the UI loop, not yet taken by the worker
        private bool _replyReady;       // answered by the worker, not yet given to the app
        private int _replyKind;
        private bool _stopping;
        private Thread _worker;
        private int _flushes;
        private int _failedFlushes;

        public TerminalRunner(PosApp app, MatrixKeypad keypad, OledPanel panel, FrameBuffer frame, ScreenModel model, GatewayClient gateway,
            Buzzer buzzer, QrCode qr, byte[] workspace, IClock clock, IAppLog log)
        {
            _buzzer = buzzer;
            _qr = qr;
            _workspace = workspace;
            _clock = clock;
            _log = log;
            _app = app;
            _keypad = keypad;
            _panel = panel;
            _frame = frame;
            _model = model;
            _gateway = gateway;
        }

        /// <summary>Flushes that reached the panel, and ones the bus refused (the panel driver retries them).</summary>
        public int Flushes { get { return _flushes; } }
        public int FailedFlushes { get { return _failedFlushes; } }

        /// <summary>Raised on the UI thread after a frame reached the panel (the simulator's page and tests watch it).</summary>
        public event EventHandler Flushed;

        /// <summary>Raised on the UI thread after the app took a key event.</summary>
        public event KeyHandledHandler KeyHandled;

        public void StartWorker()
        {
            _worker = new Thread(WorkerLoop);
            _worker.Start();
        }

        /// <summary>Stops the worker after its current request and waits for it.</summary>
        public void Stop()
        {
            Abandon();
            if (_worker != null) _worker.Join();
        }

        /// <summary>
        /// Power cut: the worker stops after its current request without waiting for it, and that request's
        /// answer is never delivered (on a device it is lost with the power).
        /// </summary>
        public void Abandon()
        {
            lock (_sync) _stopping = true;
            _requestPosted.Set();
            _replyPosted.Set(); // a UI loop waiting for the worker's answer (IdleSleepMs) wakes: none will come
        }

        /// <summary>Sleeps up to <paramref name="maxMs"/>, waking early when the worker has an answer.</summary>
        public void WaitForWork(int maxMs)
        {
            _replyPosted.WaitOne(maxMs, false);
        }

        /// <summary>
        /// How long the UI loop may sleep before the next step (Timeout.Infinite: until the worker's answer). See
        /// <see cref="SleepBeforeNextStep"/>.
        /// </summary>
        public int IdleSleepMs
        {
            get
            {
                bool technicianTest;
                lock (_sync)
                {
                    technicianTest = _requestPending && !_stopping && RequestKind.RunsAlone(_workerRequest.Kind);
                }
                return SleepBeforeNextStep(technicianTest, _keypad.IsIdle, _buzzer.IsPlaying, _keypad.NextScanDueMs - _clock.NowMs, _keypad.ScanPeriodMs);
            }
        }

        /// <summary>
        /// The UI loop's sleep: until the next keypad scan is due (at least 1 ms, at most a scan period). While the
        /// worker runs the technician's self-test or probe with every key open and the buzzer silent, until the
        /// worker's answer instead: those take the CPU for a second or two, the probe's figures are then the firmware's
        /// own, and the UI's deepest call chains (drawing, scanning) never meet the worker's on nanoCLR's heap
        /// (docs/memory.md). A key held or a click still sounding keeps the loop running until it ends.
        /// </summary>
        public static int SleepBeforeNextStep(bool technicianTestRunning, bool keypadIdle, bool buzzerPlaying, long msUntilScan, int scanPeriodMs)
        {
            int sleepMs;
            if (technicianTestRunning && keypadIdle && !buzzerPlaying) sleepMs = Timeout.Infinite;
            else if (msUntilScan < 1) sleepMs = 1;
            else sleepMs = msUntilScan > scanPeriodMs ? scanPeriodMs : (int)msUntilScan;
            return sleepMs;
        }

        /// <summary>One pass of the UI loop. Allocates nothing in steady state.</summary>
        public void RunUiStep()
        {
            if (_clock.NowMs >= _keypad.NextScanDueMs) _keypad.Scan();
            while (_keypad.TryReadEvent(_keyEvent))
            {
                if (_keyEvent.Kind == KeyEventKind.Down) _buzzer.Play(BuzzerPattern.KeyClick);
                _app.OnKey(_keyEvent.Keycap, _keyEvent.Kind);
                KeyHandledHandler handled = KeyHandled;
                if (handled != null) handled(_keyEvent.Keycap, _keyEvent.Kind);
            }

            // The worker's answer, when one is ready, to the app. Written out here rather than in a method of its own:
            // the app's reply handlers (the QR encode among them) run under it, and each call frame is heap in nanoCLR
            // (docs/memory.md).
            bool replyReady;
            int replyKind;
            lock (_sync)
            {
                replyReady = _replyReady && !_stopping;
                replyKind = _replyKind;
                if (replyReady) _replyReady = false;
            }
            if (replyReady)
            {
                switch (replyKind)
                {
                    case RequestKind.ListOpen:
                        _app.OnOpenOrders(_openOrders);
                        _openOrders.Clear(); // the app has taken the ids: the list's array goes back to the heap
                        break;
                    case RequestKind.RecentSales:
                        _app.OnRecentSales(_recentSales);
                        _recentSales = null; // the app holds it while the manager chooses
                        break;
                    case RequestKind.SelfTest: _app.OnSelfTestDone(_selfTestReport); break;
                    case RequestKind.Probe: _app.OnProbeDone(_probeReport); break;
                    default: _app.OnReply(_reply); break;
                }
            }
            _app.OnTick();
            if (_app.TakeAbortWait()) _abortingWait = true;
            if (_abortingWait) AbortWaitInFlight();
            PostRequest();

            int sound = _app.TakeSound();
            if (sound != PosApp.NoSound) _buzzer.Play(sound);
            _buzzer.Update();

            if (_app.TakeScreenChanged() || _panel.NeedsInit)
            {
                ScreenRenderer.Draw(_model, _frame);
                if (_panel.Flush(_frame))
                {
                    _flushes++;
                    EventHandler flushed = Flushed;
                    if (flushed != null) flushed(this, EventArgs.Empty);
                }
                else
                {
                    _failedFlushes++;
                }
            }
        }

        /// <summary>
        /// Ends the long poll the worker holds, so the request the app queued next (a cancel) goes out now. Asked
        /// again on every pass until the poll has ended: an abort that comes while the worker is still signing the
        /// poll finds no exchange in the transport yet, and the next pass catches the exchange once it is open.
        /// </summary>
        private void AbortWaitInFlight()
        {
            lock (_sync)
            {
                if (!_requestPending || _workerRequest.Kind != RequestKind.Wait)
                {
                    _abortingWait = false;
                    return;
                }
            }
            _gateway.AbortWait();
        }

        private void PostRequest()
        {
            // The technician's self-test and probe wait for the keypad at rest (the key that asked for them released)
            // and the buzzer silent: then the UI loop sleeps until their answer (IdleSleepMs) from their first item on.
            if (RequestKind.RunsAlone(_app.NextRequestKind) && (!_keypad.IsIdle || _buzzer.IsPlaying)) return;
            lock (_sync)
            {
                if (_requestPending || _replyReady) return;
                // Straight into the worker's slot: under the lock, and only while the worker holds no request.
                if (!_app.TakeRequest(_workerRequest)) return;
                _requestPending = true;
            }
            _requestPosted.Set();
        }

        /// <summary>
        /// The network worker: waits for the app's request, runs it and posts the answer. The request's switch is
        /// written out here, not in a method of its own: every exchange's call chain starts here, and each call frame
        /// is heap in nanoCLR (docs/memory.md).
        /// </summary>
        private void WorkerLoop()
        {
            AppRequest r = _workerRequest;
            while (true)
            {
                _requestPosted.WaitOne();
                lock (_sync)
                {
                    if (_stopping) return;
                    if (!_requestPending) continue;
                }
                try
                {
                    switch (r.Kind)
                    {
                        case RequestKind.ListOpen: _gateway.ListOpenOrders(_openOrders); break;
                        case RequestKind.Query: _gateway.QueryOrder(r.OrderId, _reply); break;
                        case RequestKind.Create: _gateway.CreateOrder(r.OrderId, r.AmountMinor, r.CurrencyCode, r.ExpirySeconds, _reply); break;
                        case RequestKind.Wait: _gateway.WaitForOutcome(r.OrderId, r.AmountMinor, r.CurrencyCode, r.HoldMs, _reply); break;
                        case RequestKind.Cancel: _gateway.CancelOrder(r.OrderId, r.AmountMinor, r.CurrencyCode, _reply); break;
                        case RequestKind.Ping: _gateway.Ping(_reply); break;
                        case RequestKind.RecentSales:
                            _recentSales = new RecentSales(); // garbage once the manager leaves the refund: no heap kept for it
                            _gateway.ListRecentSales(_recentSales);
                            break;
                        case RequestKind.Refund:
                            _gateway.RefundOrder(r.OrderId, r.RefundId, r.AmountMinor, r.CurrencyCode, ManagerRefund.LedgerReason, ManagerRefund.Operator, _reply);
                            break;
                        // The technician's tests are written out here too (no method of their own): they are the worker's
                        // deepest chains while they run. The report goes to the app once this request is answered.
                        case RequestKind.SelfTest:
                            _selfTestReport = new SelfTestReport();
                            _selfTestReport.PrintToConsole = false;
                            _selfTestReport.KeepLines = false; // the page shows the counts and the first failed item only
                            // No sale in the technician menu: the QR symbol and the workspace are free.
                            SelfTest.Run(_selfTestReport, new QrEncoder(_qr.MaxVersion, _workspace), _qr);
                            break;
                        case RequestKind.Probe:
                            _probeReport = new ProbeReport();
                            _probeReport.PrintToConsole = false;
                            Probe.Run(TechnicianArea.ProbeRepetitions, _probeReport, _qr, _workspace);
                            break;
                        default:
                            _reply.Clear(); // never leave an earlier answer (perhaps a Paid) in the slot
                            _reply.Outcome = GatewayOutcome.Unknown;
                            break;
                    }
                }
                catch (Exception e)
                {
                    // The client promises not to throw; if it ever does, the answer is "unknown", never "paid".
                    _reply.Clear();
                    _reply.OrderId = r.OrderId;
                    _reply.Outcome = GatewayOutcome.Unknown;
                    _reply.ErrorCode = GatewayErrors.Internal;
                    _openOrders.Clear();
                    _openOrders.Outcome = GatewayOutcome.Unknown;
                    _openOrders.ErrorCode = GatewayErrors.Internal;
                    if (_recentSales != null)
                    {
                        _recentSales.Clear();
                        _recentSales.Outcome = GatewayOutcome.Unknown;
                        _recentSales.ErrorCode = GatewayErrors.Internal;
                    }
                    _log.Line("Worker error in " + RequestKind.Name(r.Kind) + ": " + e.Message);
                }
                lock (_sync)
                {
                    if (_stopping) return;
                    _requestPending = false;
                    _replyKind = r.Kind;
                    _replyReady = true;
                }
                _replyPosted.Set();
            }
        }
    }

    /// <summary>A key event the app has taken (keycap and KeyEventKind).</summary>
    public delegate void KeyHandledHandler(char keycap, int kind);
}
