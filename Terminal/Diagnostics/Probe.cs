using System;
using Terminal.Qr;
using Terminal.Ui;

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

        /// <summary>Runs every item with QR buffers of its own (the simulator's `probe` command, tests).</summary>
        public static void Run(int repetitions, ProbeReport report)
        {
            Run(repetitions, report, new QrCode(QrScreen.MaxVersion), null);
        }

        /// <summary>
        /// Runs every item; the QR and display items use the caller's symbol (the terminal's own) and each makes its
        /// encoder for its own time (working in the workspace), so no encoder lives through the other items; the display
        /// items draw into the workspace too (at least QrEncoder.WorkspaceBytes and FrameBuffer.ByteCount bytes nothing
        /// else uses meanwhile: the terminal's), or into buffers of their own when it is null.
        /// </summary>
        public static void Run(int repetitions, ProbeReport report, QrCode qr, byte[] workspace)
        {
            ConfigSelfTest.Run(report, repetitions);
            QrProbe.Run(report, repetitions, new QrEncoder(qr.MaxVersion, workspace), qr);
            DisplaySelfTest.Run(report, repetitions, new QrEncoder(qr.MaxVersion, workspace), qr, workspace);
            KeypadSelfTest.Run(report, repetitions);
            GatewaySelfTest.Run(report, repetitions);
            if (report.PrintToConsole) Console.WriteLine("PROBE DONE");
        }
    }
}
