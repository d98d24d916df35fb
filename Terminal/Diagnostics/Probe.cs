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
            Run(repetitions, report, new QrEncoder(QrScreen.MaxVersion), new QrCode(QrScreen.MaxVersion), null);
        }

        /// <summary>
        /// Runs every item; the QR and display items use the caller's encoder and symbol (the terminal's own), and the
        /// display items draw into frameStorage (at least FrameBuffer.ByteCount bytes nothing else uses meanwhile: the
        /// terminal's workspace), or into a frame of their own when it is null.
        /// </summary>
        public static void Run(int repetitions, ProbeReport report, QrEncoder qrEncoder, QrCode qr, byte[] frameStorage)
        {
            ConfigSelfTest.Run(report, repetitions);
            QrProbe.Run(report, repetitions, qrEncoder, qr);
            DisplaySelfTest.Run(report, repetitions, qrEncoder, qr, frameStorage);
            KeypadSelfTest.Run(report, repetitions);
            GatewaySelfTest.Run(report, repetitions);
            if (report.PrintToConsole) Console.WriteLine("PROBE DONE");
        }
    }
}
