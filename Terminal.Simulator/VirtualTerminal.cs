using System;
using System.Device.Gpio;
using System.Threading;
using Terminal.App;
using Terminal.Config;
using Terminal.Drivers.Adapters;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;
using Terminal.Host;
using Gateway.Server;
using Gateway.Server.Testing;
using Terminal.Simulator.VirtualHardware;
using Terminal.Ui;

namespace Terminal.Simulator
{
    /// <summary>Choices for one virtual terminal (the defaults are the shop's: Norwegian, NOK, SSD1306).</summary>
    public sealed record VirtualTerminalOptions
    {
        public string TerminalId { get; init; } = "SIM-0001";
        public string Currency { get; init; } = "NOK";
        public int Language { get; init; } = Terminal.Language.Norwegian;
        public int PanelController { get; init; } = global::Terminal.Drivers.Display.PanelController.Ssd1306;
        /// <summary>The technician PIN provisioned on this virtual device; null draws a random one (printed in the log).</summary>
        public string? TechnicianPin { get; init; }
        public int OrderExpirySeconds { get; init; } = 120;
        public int WaitHoldMs { get; init; } = 5000;
        public int RetryDelayMs { get; init; } = 1000;
        public int KeyBounceMs { get; init; }
        /// <summary>A click on the buzzer per key (terminal.cfg's keypad.click).</summary>
        public bool KeyClicks { get; init; } = true;
        /// <summary>How long PAID ignores OK after it appears (the firmware's default; scripts may set 0).</summary>
        public int PaidAcknowledgeGuardMs { get; init; } = 1500;

        /// <summary>Creating longer than this says the gateway is slow; null keeps PosSettings.SlowGatewayMs.</summary>
        public int? SlowGatewayMs { get; init; }

        /// <summary>The app's longest pause between retries; null keeps PosSettings.MaxRetryDelayMs.</summary>
        public int? MaxRetryDelayMs { get; init; }

        /// <summary>The gateway client's pause between attempts of one call; null keeps GatewayConfig.RetryBackoffMs.</summary>
        public int? ClientRetryBackoffMs { get; init; }

        /// <summary>
        /// The keypad driver's timing; null keeps the device's (Zephyr's defaults: a key takes ~50 ms to be
        /// debounced down and up). Fault campaigns type thousands of sales with a 1 ms scan and debounce: the
        /// same driver logic, faster.
        /// </summary>
        public KeypadTiming? KeypadTiming { get; init; }
        public int Seed { get; init; } = 1;
        /// <summary>
        /// Gateway time moves only when a test says so (GatewayHost.AdvanceClock), e.g. to expire a code.
        /// The terminal's wall clock (request timestamps) follows the same clock, as the real world's would.
        /// </summary>
        public bool ManualGatewayClock { get; init; }
        /// <summary>Print log lines to the console (the simulator does; tests do not).</summary>
        public bool PrintLog { get; init; }
        /// <summary>
        /// A provisioning file (terminal.cfg, e.g. from `Gateway.Server -- terminals add`): the terminal then
        /// sells against the gateway that file names, with its id, key, PIN, language, currency and panel,
        /// instead of starting its own gateway. Null: the simulator provisions itself on its own gateway.
        /// </summary>
        public string? ProvisioningFileText { get; init; }
        /// <summary>
        /// The gateway's acquirer is Alipay (the emulator, <see cref="SimulatedAlipay"/>) and the phone pays through
        /// Alipay's wallet; false: the gateway's development wallet. The simulator's default run uses Alipay.
        /// </summary>
        public bool ThroughAlipay { get; init; }
        /// <summary>How often the gateway reconciles orders with Alipay; 0: only when a test calls GatewayHost.ReconcileAsync.</summary>
        public int ReconcileIntervalMs { get; init; } = 3000;
    }

    /// <summary>
    /// The virtual device: the real firmware composition (<see cref="PaymentTerminal"/>: app, runner, drivers)
    /// on a virtual SSD1306/SH1106 behind a fake I2C device, a virtual membrane keypad behind a fake GPIO
    /// driver, and the gateway server (Gateway.Server, in process, SQLite in a temporary folder) on loopback reached
    /// through real HTTP. The UI loop runs on its own
    /// thread as on the device; the hardware lock keeps the page's reads consistent with the loop's writes.
    /// </summary>
    public sealed class VirtualTerminal : IDisposable
    {
        private readonly object _hardware = new();
        private readonly object _keySignal = new();
        private readonly SemaphoreSlim _typing = new(1, 1);
        private readonly VirtualTerminalOptions _options;
        private readonly SystemClock _clock = new();
        private readonly byte[] _key;
        private string _pin;
        private readonly Random _random;
        private readonly Terminal.Drivers.Fakes.MemorySlot _flash = new(); // the sale journal: survives the virtual power cuts
        private readonly Terminal.Drivers.Fakes.MemorySlot _pinFlash = new(); // the PIN lockout: survives them too
        private readonly Terminal.Drivers.Fakes.MemorySlot _refundFlash = new(); // the refund not yet final: survives them too
        private PaymentTerminal _terminal = null!;
        private HttpClientTransport _transport = null!;
        private Thread? _uiThread;
        private volatile bool _stop;
        private long _keysHandled;
        private char _lastKeyHandled;
        private long _lastKeyStep; // the UI loop pass that handled the last key event
        private int _lastKindHandled;
        private long _frames;
        private long _loopSteps;
        private long _busBytesBeforePowerCycles;
        private long _uiAllocatedBytes;
        private readonly object _stepSignal = new();

        private readonly GatewayHost? _gateway;
        private readonly SimulatedAlipay? _alipay;
        private readonly TerminalConfig? _provisioned;

        /// <summary>The Alipay emulator behind the gateway (only with <see cref="VirtualTerminalOptions.ThroughAlipay"/>).</summary>
        public SimulatedAlipay Alipay => _alipay ?? throw new InvalidOperationException("this virtual terminal's gateway uses the development wallet");

        /// <summary>The in-process gateway this terminal started (absent when it uses a provisioning file's gateway).</summary>
        public GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("this virtual terminal sells against the gateway of its provisioning file");

        /// <summary>The gateway's base URL (the in-process one, or the provisioning file's).</summary>
        public string GatewayUrl { get; }
        public VirtualOledController Oled { get; private set; }
        public VirtualKeypadMatrix Matrix { get; }

        /// <summary>The piezo sounder on the buzzer pin: the tones the terminal made, for the page and tests.</summary>
        public VirtualPiezo Piezo { get; }
        public SimulatorLog Log { get; }
        public TouristPhone Phone { get; }
        public PaymentTerminal Terminal => _terminal;

        /// <summary>The flash slot of the sale journal (it survives <see cref="PowerCycle"/>); tests inject storage faults here.</summary>
        public Terminal.Drivers.Fakes.MemorySlot JournalFlash => _flash;

        /// <summary>The flash slot of the manager's refund not yet final (it survives <see cref="PowerCycle"/>).</summary>
        public Terminal.Drivers.Fakes.MemorySlot RefundFlash => _refundFlash;
        public string TechnicianPin => _pin;

        private VirtualTerminal(VirtualTerminalOptions options, GatewayHost? gateway, TerminalConfig? provisioned, SimulatedAlipay? alipay = null)
        {
            _options = options;
            _alipay = alipay;
            _random = new Random(options.Seed);
            _gateway = gateway;
            _provisioned = provisioned;
            Log = new SimulatorLog(options.PrintLog);
            _key = new byte[32];
            _random.NextBytes(_key);
            if (provisioned != null)
            {
                _key = provisioned.TerminalKeyBytes;
                _pin = provisioned.TechnicianPinText ?? "";
                GatewayUrl = provisioned.GatewayBaseUrl;
            }
            else
            {
                _pin = options.TechnicianPin ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(100000, 1000000).ToString(); // fresh each start: no shared PIN
                Gateway.ProvisionTerminal(options.TerminalId, _key);
                GatewayUrl = Gateway.BaseUrl;
            }
            Oled = new VirtualOledController(provisioned?.PanelControllerCode ?? options.PanelController);
            Matrix = new VirtualKeypadMatrix(PinMap.KeypadRows(), PinMap.KeypadColumns(), _clock, KeypadKeymap.Standard(), options.KeyBounceMs, options.Seed);
            Phone = new TouristPhone(alipay?.WalletBaseUrl ?? GatewayUrl);
            Piezo = new VirtualPiezo(_clock);
        }

        /// <summary>
        /// Starts the gateway server on a free loopback port and a terminal connected to it, and boots it; with a
        /// provisioning file, boots a terminal that sells against the gateway the file names.
        /// </summary>
        public static VirtualTerminal Start(VirtualTerminalOptions options)
        {
            if (options.ProvisioningFileText != null)
            {
                TerminalConfig? provisioned = TerminalConfig.Parse(options.ProvisioningFileText, out ConfigError error);
                if (provisioned == null) throw new ArgumentException("provisioning file rejected: " + error);
                var fromFile = new VirtualTerminal(options, null, provisioned);
                fromFile.PowerOn();
                return fromFile;
            }
            IWallClock? gatewayClock = options.ManualGatewayClock ? new FakeWallClock(DateTimeOffset.UtcNow.ToUnixTimeSeconds()) : null;
            SimulatedAlipay? alipay = options.ThroughAlipay ? SimulatedAlipay.Start(options.Seed) : null;
            var gateway = GatewayHost.StartTemporary(clock: gatewayClock, faults: new FaultInjector(), alipay: alipay?.GatewaySettings,
                reconcileIntervalMs: options.ReconcileIntervalMs);
            var terminal = new VirtualTerminal(options, gateway, null, alipay);
            terminal.PowerOn();
            return terminal;
        }

        /// <summary>Frames flushed to the panel since start.</summary>
        public long Frames => Interlocked.Read(ref _frames);

        public string ProvisioningText()
        {
            if (_options.ProvisioningFileText != null) return _options.ProvisioningFileText;
            return string.Join("\n",
                TerminalConfig.KeyWifiSsid + "=ShopWiFi",
                TerminalConfig.KeyWifiPassword + "=simulated-network",
                TerminalConfig.KeyGatewayUrl + "=" + Gateway.BaseUrl,
                TerminalConfig.KeyTerminalId + "=" + _options.TerminalId,
                TerminalConfig.KeyTerminalKey + "=hex:" + Convert.ToHexString(_key).ToLowerInvariant(),
                TerminalConfig.KeyTechnicianPin + "=" + _pin,
                TerminalConfig.KeyLanguage + "=" + (_options.Language == global::Terminal.Language.English ? "en" : "no"),
                TerminalConfig.KeyCurrency + "=" + _options.Currency,
                TerminalConfig.KeyPanelController + "=" + (_options.PanelController == global::Terminal.Drivers.Display.PanelController.Sh1106 ? "sh1106" : "ssd1306"),
                TerminalConfig.KeyOrderExpiry + "=" + _options.OrderExpirySeconds,
                TerminalConfig.KeyKeypadClick + "=" + (_options.KeyClicks ? "on" : "off"));
        }

        private void PowerOn()
        {
            TerminalConfig? config = TerminalConfig.Parse(ProvisioningText(), out ConfigError error);
            for (int draw = 0; config == null && _options.TechnicianPin == null && error.Key == TerminalConfig.KeyTechnicianPin && draw < 20; draw++)
            {
                // The drawn PIN was one the firmware refuses as guessable (111111, 123456...): draw again.
                _pin = System.Security.Cryptography.RandomNumberGenerator.GetInt32(100000, 1000000).ToString();
                config = TerminalConfig.Parse(ProvisioningText(), out error);
            }
            if (config == null) throw new InvalidOperationException("simulator provisioning rejected: " + error);
            var gpio = new GpioController(Matrix);
            var lines = new GpioKeypadLines(gpio, PinMap.KeypadRows(), PinMap.KeypadColumns());
            var bus = new I2cPanelBus(new VirtualI2cDevice(Oled, PinMap.I2cBusId, config.PanelI2cAddress));
            _transport = new HttpClientTransport(GatewayUrl);
            byte[] bootRandom = new byte[8];
            _random.NextBytes(bootRandom);
            _terminal = new PaymentTerminal(config, lines, _options.KeypadTiming ?? new KeypadTiming(), bus, new PwmToneOutput(Piezo), _transport, _clock,
                _gateway?.Clock ?? new SystemWallClock(), new Random(_random.Next()), bootRandom, _flash, _pinFlash, _refundFlash, Log);
            _terminal.Settings.WaitHoldMs = _options.WaitHoldMs;
            _terminal.Settings.RetryDelayMs = _options.RetryDelayMs;
            _terminal.Settings.PaidAcknowledgeGuardMs = _options.PaidAcknowledgeGuardMs;
            if (_options.SlowGatewayMs is int slowMs) _terminal.Settings.SlowGatewayMs = slowMs;
            if (_options.MaxRetryDelayMs is int maxRetryMs) _terminal.Settings.MaxRetryDelayMs = maxRetryMs;
            if (_options.ClientRetryBackoffMs is int backoffMs) _terminal.GatewayConfig.RetryBackoffMs = backoffMs;
            _terminal.Runner.KeyHandled += OnKeyHandled;
            _terminal.Runner.Flushed += (_, _) => OnFlushed();
            if (_options.TechnicianPin == null && _provisioned == null) Log.Line("Simulator: technician PIN of this virtual terminal is " + _pin
                + " (* PIN D opens the technician menu; 7 there refunds a paid sale).");

            lock (_hardware)
            {
                _terminal.Boot();
                _terminal.App.SetNetwork(true, "127.0.0.1");
            }
            _stop = false;
            _uiThread = new Thread(UiLoop) { IsBackground = true, Name = "ui-loop" };
            _uiThread.Start();
        }

        private void UiLoop()
        {
            PaymentTerminal terminal = _terminal;
            while (!_stop)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                lock (_hardware) terminal.Runner.RunUiStep();
                Interlocked.Add(ref _uiAllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - before);
                lock (_stepSignal)
                {
                    _loopSteps++;
                    Monitor.PulseAll(_stepSignal);
                }
                terminal.Runner.WaitForWork(terminal.Runner.IdleSleepMs);
            }
        }

        /// <summary>UI loop passes since start.</summary>
        public long LoopSteps => Interlocked.Read(ref _loopSteps);

        /// <summary>Bytes the firmware allocated on the UI loop thread (app, drivers, screens) since start.</summary>
        public long UiAllocatedBytes => Interlocked.Read(ref _uiAllocatedBytes);

        /// <summary>
        /// Blocks until the condition holds after some UI loop pass (checked after every pass), or throws after
        /// the timeout naming what was awaited. Waits on the loop's signal, not on a sleep.
        /// </summary>
        public void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
        {
            DateTime giveUp = DateTime.UtcNow + timeout;
            lock (_stepSignal)
            {
                while (true)
                {
                    if (condition()) return;
                    TimeSpan left = giveUp - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                        throw new TimeoutException("waited " + timeout.TotalSeconds + " s for " + what + "; now " + State());
                    Monitor.Wait(_stepSignal, left);
                }
            }
        }

        /// <summary>
        /// How long <see cref="WaitForScreen"/> waits by default: three of the firmware's own request timeouts, so
        /// that a slow first exchange on a loaded machine (cold JIT on both ends) ends in the firmware's timeout
        /// and retry before a test gives up on a screen that was merely late.
        /// </summary>
        public static readonly double DefaultWaitSeconds = 3 * new Terminal.Gateway.GatewayConfig().RequestTimeoutMs / 1000.0;

        /// <summary>Waits until the panel shows the named screen (ScreenId.Name); 0 = <see cref="DefaultWaitSeconds"/>.</summary>
        public void WaitForScreen(string screen, double timeoutSeconds = 0)
        {
            if (timeoutSeconds <= 0) timeoutSeconds = DefaultWaitSeconds;
            WaitFor(() => State().Screen == screen, TimeSpan.FromSeconds(timeoutSeconds), "screen '" + screen + "'");
        }

        /// <summary>Stopwatch timestamp of the last OK (D) key the app took, and of the last frame per screen id.</summary>
        public long LastOkTakenTimestamp => Interlocked.Read(ref _lastOkTaken);
        public long FlushTimestamp(int screenId) => Interlocked.Read(ref _flushedAt[screenId]);

        private long _lastOkTaken;
        private readonly long[] _flushedAt = new long[ScreenId.Count];

        private void OnFlushed()
        {
            Interlocked.Increment(ref _frames);
            int screen = _terminal.Model.Screen;
            if (screen >= 0 && screen < _flushedAt.Length) Interlocked.Exchange(ref _flushedAt[screen], System.Diagnostics.Stopwatch.GetTimestamp());
        }

        private void OnKeyHandled(char keycap, int kind)
        {
            if (keycap == 'D' && kind == KeyEventKind.Down) Interlocked.Exchange(ref _lastOkTaken, System.Diagnostics.Stopwatch.GetTimestamp());
            lock (_keySignal)
            {
                _keysHandled++;
                _lastKeyHandled = keycap;
                _lastKindHandled = kind;
                _lastKeyStep = Interlocked.Read(ref _loopSteps); // this pass ends (and flushes) after the event
                Monitor.PulseAll(_keySignal);
            }
        }

        /// <summary>
        /// Presses and releases each keycap in order on the virtual membrane, each held until the firmware's
        /// debounced scan has reported it, like a cashier's finger. Throws for a character that is no keycap.
        /// Callers take turns (one finger on the keypad: two scripts typing at once would make ghost chords), a
        /// key is always released again even when the firmware never reported it, and a cancelled token stops
        /// the typing before the next key. Returns the keycaps the firmware ignored, in order: those after which
        /// neither the app's state nor the panel changed (for example OK during PAID's guard time).
        /// </summary>
        public string PressKeys(string keys, CancellationToken cancel = default)
        {
            var ignored = new System.Text.StringBuilder();
            foreach (char k in keys)
                if (Keycaps.Layout.IndexOf(k) < 0)
                    throw new ArgumentException("'" + k + "' is not a keycap of the 4x4 keypad (" + Keycaps.Layout + ")");
            _typing.Wait(cancel);
            try
            {
                foreach (char k in keys)
                {
                    cancel.ThrowIfCancellationRequested();
                    try
                    {
                        int stateBefore;
                        long framesBefore;
                        lock (_hardware)
                        {
                            stateBefore = _terminal.App.State;
                            framesBefore = Frames;
                            Matrix.Press(k);
                        }
                        long step = WaitForKey(k, KeyEventKind.Down);
                        // The pass that handled the key draws and flushes after it: wait for that pass to end.
                        WaitFor(() => LoopSteps > step, TimeSpan.FromSeconds(5), "the loop pass that took '" + k + "'");
                        lock (_hardware)
                            if (_terminal.App.State == stateBefore && Frames == framesBefore) ignored.Append(k);
                    }
                    finally
                    {
                        lock (_hardware) Matrix.Release(k);
                    }
                    WaitForKey(k, KeyEventKind.Up);
                }
            }
            finally
            {
                _typing.Release();
            }
            return ignored.ToString();
        }

        /// <summary>Waits until the firmware reported the key event; returns the UI loop pass that handled it.</summary>
        private long WaitForKey(char keycap, int kind)
        {
            DateTime giveUp = DateTime.UtcNow.AddSeconds(5);
            lock (_keySignal)
            {
                while (!(_lastKeyHandled == keycap && _lastKindHandled == kind))
                {
                    TimeSpan left = giveUp - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero)
                        throw new TimeoutException("the keypad driver did not report '" + keycap + "' within 5 s");
                    Monitor.Wait(_keySignal, left);
                }
                _lastKindHandled = KeyEventKind.None;
                return _lastKeyStep;
            }
        }

        /// <summary>The panel as the glass shows it, scaled up, as PNG.</summary>
        public byte[] ScreenPng(int scale)
        {
            lock (_hardware) return Oled.ExportPng(scale);
        }

        /// <summary>A copy of the glass: [y * 128 + x] true where the pixel is lit.</summary>
        public bool[] Glass()
        {
            var pixels = new bool[VirtualOledController.WidthPx * VirtualOledController.HeightPx];
            lock (_hardware)
            {
                for (int y = 0; y < VirtualOledController.HeightPx; y++)
                for (int x = 0; x < VirtualOledController.WidthPx; x++)
                    pixels[y * VirtualOledController.WidthPx + x] = Oled.GlassPixel(x, y);
            }
            return pixels;
        }

        public sealed record Snapshot(string Screen, string State, long AmountMinor, string Currency, string? OrderId, string Gateway, long BusBytes, long Frames, long BeepCount);

        public Snapshot State()
        {
            lock (_hardware)
            {
                var app = _terminal.App;
                return new Snapshot(ScreenId.Name(_terminal.Model.Screen), AppState.Name(app.State), app.AmountMinor, app.Currency.Code,
                    app.OrderId, GatewayUrl, _busBytesBeforePowerCycles + Oled.BusBytes, Frames, Piezo.ToneCount);
            }
        }

        /// <summary>The phone reads the code off the glass and pays it.</summary>
        public TouristPhone.PayResult ScanAndPay()
        {
            bool[] glass = Glass();
            string? code = TouristPhone.ReadCode((x, y) => glass[y * VirtualOledController.WidthPx + x],
                VirtualOledController.WidthPx, VirtualOledController.HeightPx);
            if (code == null)
            {
                Log.Line("Phone: no QR code could be read from the panel.");
                return new TouristPhone.PayResult(false, null, "no QR code on the panel", 0);
            }
            var result = Phone.Pay(code);
            Log.Line(result.Paid ? "Phone: paid " + code : "Phone: wallet refused " + code + " (" + result.Error + ")");
            return result;
        }

        /// <summary>
        /// Power cut and restart: the UI loop stops where it is, the network worker's request in flight is
        /// abandoned (its answer is lost, as on a device), the panel controller loses its RAM, and a new boot
        /// with a new boot id settles the orders the gateway still holds open.
        /// </summary>
        public void PowerCycle()
        {
            _stop = true;
            _uiThread?.Join();
            _terminal.Runner.Abandon();
            _transport.Dispose();   // the request in flight fails at once...
            _terminal.Runner.Stop(); // ...so the old worker is gone before the new boot starts
            lock (_hardware)
            {
                // A power cut clears the controller: a new one is what the next boot finds.
                _busBytesBeforePowerCycles += Oled.BusBytes;
                Oled = new VirtualOledController(_options.PanelController);
            }
            PowerOn();
        }

        public void Dispose()
        {
            _stop = true;
            _uiThread?.Join();
            _terminal.Runner.Abandon();
            _transport.Dispose();
            Phone.Dispose();
            _gateway?.Dispose();
            _alipay?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
