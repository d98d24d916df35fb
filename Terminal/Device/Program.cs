using System;
using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using System.Threading;
using nanoFramework.Runtime.Native;
using Terminal.App;
using Terminal.Config;
using Terminal.Drivers.Adapters;
using Terminal.Drivers.Display;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Sound;
using Terminal.Drivers.Storage;
using Terminal.Drivers.Timing;
using Terminal.Ui;

namespace Terminal.Device
{
    /// <summary>
    /// The ESP32 entry point (DEVICE-ONLY: built by the nanoFramework extension from Terminal.nfproj, never on
    /// the build machines, so verified only on a device). It wires the ports to the hardware and runs the same
    /// <see cref="PaymentTerminal"/> the simulator runs:
    /// provisioning file -> pin routing -> I2C panel, GPIO keypad -> Wi-Fi (with SNTP time, which TLS and the
    /// request signatures need) -> HTTPS transport with the pinned root CA -> self-test, recovery, UI loop.
    /// Any fatal error is printed and the device restarts after a pause.
    /// </summary>
    public static class Program
    {
        private const int RestartDelayMs = 10000;

        /// <summary>The order id of the sale in progress, kept across power cuts (PosApp).</summary>
        private const string OpenOrderPath = "I:\\open-order.txt";
        private const string PinLockoutPath = "I:\\pin-lockout.txt";

        /// <summary>The manager's refund whose outcome is not known yet, kept across power cuts (ManagerRefund).</summary>
        private const string RefundPath = "I:\\refund.txt";

        public static void Main()
        {
            SerialLog log = new SerialLog();
            try
            {
                Run(log);
            }
            catch (Exception e)
            {
                log.Line("FATAL " + e.GetType().Name + ": " + e.Message + " - restarting in 10 s");
            }
            Thread.Sleep(RestartDelayMs);
            Power.RebootDevice();
        }

        private static void ShowProvisioningError(string message)
        {
            I2cDevice i2c = I2cDevice.Create(new I2cConnectionSettings(PinMap.I2cBusId, PinMap.PanelI2cAddress, I2cBusSpeed.FastMode));
            OledPanel panel = new OledPanel(new I2cPanelBus(i2c), PanelController.Ssd1306);
            ScreenModel model = new ScreenModel();
            model.Screen = ScreenId.SelfTestFailed;
            model.FailedItem = message.Length > 21 ? message.Substring(0, 21) : message;
            FrameBuffer frame = new FrameBuffer();
            ScreenRenderer.Draw(model, frame);
            panel.Initialize();
            panel.Flush(frame);
        }

        private static void Run(SerialLog log)
        {
            TerminalRunner runner = Start(log).Runner;
            while (true)
            {
                runner.RunUiStep();
                runner.WaitForWork(runner.IdleSleepMs);
            }
        }

        /// <summary>
        /// Provisioning, pins, Wi-Fi and the ports, then the terminal made and booted. A method of its own: its
        /// locals and the constructor's arguments would otherwise stay in the UI loop's call frame, which is heap
        /// in nanoCLR, for as long as the terminal runs (docs/memory.md).
        /// </summary>
        private static PaymentTerminal Start(SerialLog log)
        {
            ConfigError error;
            TerminalConfig config = ProvisioningFile.Load(out error);
            Esp32PinRouting.Apply();
            if (config == null)
            {
                // Nothing can be paid without provisioning: say what is wrong, on the serial port and the panel
                // (at the default address, page mode works on both controllers), and wait for the technician.
                log.Line("PROVISIONING " + error.ToString());
                ShowProvisioningError(error.ToString());
                while (true) Thread.Sleep(60000);
            }

            I2cDevice i2c = I2cDevice.Create(new I2cConnectionSettings(PinMap.I2cBusId, config.PanelI2cAddress, I2cBusSpeed.FastMode));
            GpioController gpio = new GpioController();
            GpioKeypadLines keypadLines = new GpioKeypadLines(gpio, PinMap.KeypadRows(), PinMap.KeypadColumns());

            bool wifiUp = WifiLink.Connect(config, log);
            SystemClock clock = new SystemClock();
            NanoHttpTransport transport = new NanoHttpTransport(config.GatewayBaseUrl, GatewayCertificate.Load(log), clock);

            // The ESP32's RNG is seeded by the hardware entropy source: a fresh boot id every start.
            Random random = new Random();
            byte[] bootRandom = new byte[8];
            random.NextBytes(bootRandom);

            // The piezo on GPIO19 (hardware-notes/buzzer.md); Esp32PinRouting routed the pin to the LED PWM controller.
            // No channel for the pin (CreateFromPin answers null): a silent terminal still takes payments.
            PwmChannel buzzerChannel = PwmChannel.CreateFromPin(PinMap.BuzzerGpio, 4000, 0.5);
            if (buzzerChannel == null) log.Line("No PWM channel for the buzzer on GPIO" + PinMap.BuzzerGpio.ToString() + ": the terminal stays silent.");
            IToneOutput tone = buzzerChannel != null ? (IToneOutput)new PwmToneOutput(buzzerChannel) : new NoToneOutput();

            PaymentTerminal terminal = new PaymentTerminal(config, keypadLines, new KeypadTiming(), new I2cPanelBus(i2c), tone, transport,
                clock, new SystemWallClock(), random, bootRandom, new FileSlot(new FlashFileStore(), OpenOrderPath),
                new FileSlot(new FlashFileStore(), PinLockoutPath), new FileSlot(new FlashFileStore(), RefundPath), log);
            terminal.Boot();
            terminal.App.SetNetwork(wifiUp, WifiLink.IpAddress());
            return terminal;
        }
    }
}
