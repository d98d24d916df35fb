using System;
using Terminal.Diagnostics;

namespace Terminal.Simulator
{
    /// <summary>
    /// Command line of the virtual terminal (stable: scripts and checks use it):
    ///   (no arguments)   start the gateway emulator and the virtual terminal, serve the page
    ///   --port N         port of the page and the control API
    ///   --headless       serve the API only, print only log lines
    ///   selftest         run the firmware's power-on self-test and exit (0 = pass)
    ///   probe N          run the firmware's timing probe with N repetitions and exit
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            SimulatorOptions options;
            string? error = SimulatorOptions.TryParse(args, out options);
            if (error != null)
            {
                Console.Error.WriteLine(error);
                Console.Error.WriteLine(SimulatorOptions.Usage);
                return 2;
            }

            switch (options.Command)
            {
                case SimulatorCommand.SelfTest:
                    return SelfTest.Run() ? 0 : 1;
                case SimulatorCommand.Probe:
                    Probe.Run(options.ProbeRepetitions);
                    return 0;
                default:
                    return VirtualTerminalHost.Run(options);
            }
        }
    }
}
