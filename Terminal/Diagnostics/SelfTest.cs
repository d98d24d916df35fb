using System;
using Terminal.Qr;
using Terminal.Ui;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// The power-on self-test: known-answer items of the firmware's own parts. Firmware that runs on the device,
    /// not unit tests: each part's class lists its items as data for <see cref="SelfTestReport.Check"/>. Prints
    /// one line per item (name, PASS or FAIL and what differed) and a last line SELFTEST PASS or SELFTEST FAIL.
    /// A terminal whose self-test fails shows the first failed item and takes no payments.
    /// </summary>
    public static class SelfTest
    {
        public static bool Run()
        {
            return Run(new SelfTestReport());
        }

        /// <summary>Runs every item with QR buffers of its own (the simulator's `selftest` command, tests).</summary>
        public static bool Run(SelfTestReport report)
        {
            return Run(report, new QrEncoder(QrScreen.MaxVersion), new QrCode(QrScreen.MaxVersion));
        }

        /// <summary>
        /// Runs every item; the QR items use the caller's encoder and symbol (the terminal's symbol, which nothing else
        /// uses meanwhile, and an encoder it makes for the run in its workspace), so the self-test needs no QR buffers
        /// of its own.
        /// </summary>
        public static bool Run(SelfTestReport report, QrEncoder qrEncoder, QrCode qr)
        {
            ConfigSelfTest.Run(report);
            QrSelfTest.Run(report, qrEncoder, qr);
            DisplaySelfTest.Run(report);
            KeypadSelfTest.Run(report);
            GatewaySelfTest.Run(report);
            report.Finish();
            return report.AllPassed;
        }
    }
}
