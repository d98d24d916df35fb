using System;

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

        public static bool Run(SelfTestReport report)
        {
            ConfigSelfTest.Run(report);
            QrSelfTest.Run(report);
            DisplaySelfTest.Run(report);
            KeypadSelfTest.Run(report);
            GatewaySelfTest.Run(report);
            report.Finish();
            return report.AllPassed;
        }
    }
}
