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
            Run(repetitions, new ProbeReport());
        }

        public static void Run(int repetitions, ProbeReport report)
        {
            ConfigSelfTest.Run(report, repetitions);
            QrProbe.Run(report, repetitions);
            DisplaySelfTest.Run(report, repetitions);
            KeypadSelfTest.Run(report, repetitions);
            GatewaySelfTest.Run(report, repetitions);
            if (report.PrintToConsole) Console.WriteLine("PROBE DONE");
        }
    }
}
