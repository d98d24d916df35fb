using System;
using Terminal.Config;
using Terminal.Diagnostics;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Network;
using Terminal.Drivers.Sound;
using Terminal.Drivers.Storage;
using Terminal.Drivers.Timing;
using Terminal.Gateway;
using Terminal.Money;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.App
{
    /// <summary>
    /// The whole terminal put together from its ports: the same composition runs on the ESP32
    /// (Device/Program.cs, with GPIO, I2C and nanoFramework's HTTP behind the ports) and in the simulator
    /// (virtual keypad, virtual panel, .NET HttpClient). Everything is allocated here, once, at start-up.
    /// </summary>
    public sealed class PaymentTerminal
    {
        /// <summary>
        /// Largest QR version kept in memory: the largest the QR screen can show (<see cref="QrScreen.MaxVersion"/>).
        /// QrDecodeRoundTripTests reads such codes back from the lit panel; a longer payment code is refused
        /// (DataTooLong) and its order cancelled.
        /// </summary>
        public static int MaxQrVersion { get { return QrScreen.MaxVersion; } }

        public readonly PosSettings Settings;
        public readonly ScreenModel Model;
        public readonly FrameBuffer Frame;
        public readonly OledPanel Panel;
        public readonly MatrixKeypad Keypad;
        public readonly Buzzer Buzzer;
        public readonly GatewayClient Gateway;

        /// <summary>The gateway client's settings (timeouts, attempts, backoff), read by the client at each call.</summary>
        public readonly GatewayConfig GatewayConfig;
        public readonly PosApp App;
        public readonly TerminalRunner Runner;
        public readonly QrCode Qr;

        private readonly IAppLog _log;
        private readonly bool _selfTestPassed;
        private readonly string _selfTestFailedItem;

        public PaymentTerminal(TerminalConfig config, IKeypadLines keypadLines, KeypadTiming keypadTiming, IPanelBus panelBus,
            IToneOutput tone, IHttpTransport transport, IClock clock, IWallClock wallClock, Random random, byte[] bootRandom, INonVolatileSlot openOrderSlot,
            INonVolatileSlot pinLockoutSlot, INonVolatileSlot refundSlot, IAppLog log)
        {
            _log = log;
            Settings = SettingsFrom(config);
            _log.Line(FirmwareInfo.Name + " " + FirmwareInfo.Version + ", terminal " + Settings.TerminalId + ", gateway " + Settings.GatewayUrl);

            // The power-on self-test runs first, while the heap holds little more than the QR buffers it borrows:
            // its own objects are garbage before the long-lived ones below are made, so the heap's peak is the
            // larger of the two, not their sum (docs/memory.md). Boot() acts on the verdict.
            // One byte area for work that never overlaps (docs/memory.md): the gateway client reads every response body
            // into it and the QR encoder works in it. The app encodes only between exchanges (a create's answer has been
            // read and parsed before the app sees it, and the next request goes out after the encode); the power-on
            // self-test runs before the network worker starts; the technician's self-test and probe (which also draws its
            // frame here) run on the worker.
            GatewayConfig gatewayConfig = new GatewayConfig();
            byte[] workspace = new byte[gatewayConfig.MaxResponseBytes];
            Qr = new QrCode(MaxQrVersion);
            SelfTestReport report = new SelfTestReport();
            report.KeepLines = false; // printed to the serial port; the screen needs only the first failed item
            // The QR encoder is made for each use (here, each sale's code, the technician's tests), not kept: it works a
            // few milliseconds at a time, and its 3 KB are free for everything else meanwhile (docs/memory.md).
            _selfTestPassed = SelfTest.Run(report, new QrEncoder(MaxQrVersion, workspace), Qr);
            _selfTestFailedItem = report.FirstFailedItem;

            Model = new ScreenModel();
            Frame = new FrameBuffer();
            Panel = new OledPanel(panelBus, config.PanelControllerCode);
            Keypad = new MatrixKeypad(keypadLines, clock, keypadTiming, KeypadKeymap.Standard());
            Buzzer = new Buzzer(tone, clock);
            Buzzer.KeyClicks = config.KeyClicks;

            GatewayConfig = gatewayConfig;
            gatewayConfig.ResponseBody = workspace;
            gatewayConfig.TerminalId = config.TerminalIdText;
            gatewayConfig.Key = config.TerminalKeyBytes;
            Gateway = new GatewayClient(gatewayConfig, transport, wallClock, clock, random);

            App = new PosApp(Settings, new OrderIds(config.TerminalIdText, bootRandom), workspace, Qr, Model, clock, wallClock, log, openOrderSlot, pinLockoutSlot, refundSlot);
            Runner = new TerminalRunner(App, Keypad, Panel, Frame, Model, Gateway, Buzzer, Qr, workspace, clock, log);
        }

        /// <summary>
        /// Power-on, after the self-test the constructor ran (a failure keeps the terminal from taking payments):
        /// the panel, the network worker, then the app, which first settles orders left open by a restart.
        /// </summary>
        public void Boot()
        {
            if (!Panel.Initialize()) _log.Line("The panel did not answer on I2C; it will be initialised again at the next frame.");
            Runner.StartWorker();
            App.Start(_selfTestPassed, _selfTestFailedItem);
        }

        public static PosSettings SettingsFrom(TerminalConfig config)
        {
            PosSettings settings = new PosSettings();
            // TerminalConfig accepts only codes the table knows.
            settings.Currency = CurrencyTable.FindByCode(config.CurrencyCode);
            settings.Language = config.LanguageCode;
            settings.OrderExpirySeconds = config.OrderExpirySeconds;
            settings.PaidScreenTimeoutMs = config.PaidScreenTimeoutSeconds * 1000;
            settings.TechnicianPin = config.TechnicianPinText;
            settings.TerminalId = config.TerminalIdText;
            settings.WifiSsid = config.WifiSsidText;
            settings.GatewayUrl = config.GatewayBaseUrl;
            return settings;
        }
    }
}
