using System;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// The on-device timing probe: times the firmware's hot operations with the device's own clock and prints
    /// one line per item, then PROBE DONE. Each part adds its items here.
    /// </summary>
    public static class Probe
    {
        public static void Run(int repetitions)
        {
            ProbeReport report = new ProbeReport();
            ConfigSelfTest.Run(report, repetitions);
            QrProbe.Run(report, repetitions);
            DisplaySelfTest.Run(report, repetitions);
            // Each part adds its timed items here (QR encode, screen render, panel flush, HMAC, status parse).
            KeypadSelfTest.Run(report, repetitions);
            GatewaySelfTest.Run(report, repetitions);
            Console.WriteLine("PROBE DONE");
        }
    }
}
