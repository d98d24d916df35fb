using System;
using Terminal.Diagnostics;

namespace Terminal.Simulator
{
    /// <summary>
    /// Command line of the virtual terminal (stable: scripts and checks use it):
    ///   (no arguments)   start the gateway server and the virtual terminal, serve the page
    ///   --port N         port of the page and the control API
    ///   --headless       serve the API only, print only log lines
    ///   --config F       sell against the gateway of provisioning file F (e.g. from Gateway.Server's terminals add)
    ///   --lang nb|en, --currency NOK|SEK|DKK|EUR|ISK, --panel ssd1306|sh1106   the virtual terminal's provisioning
    ///   --help           print the options
    ///   selftest         run the firmware's power-on self-test and exit (0 = pass)
    ///   probe N          run the firmware's timing probe with N repetitions and exit
    ///   check-config F   check a provisioning file with the firmware's parser (0 = good)
    /// </summary>
    public static class Program
    {
        /// <summary>
        /// Checks a provisioning file with the firmware's own parser before a technician deploys it:
        /// CONFIG OK and the settings with secrets masked, or the first bad line (exit code 1).
        /// </summary>
        public static int CheckConfig(string path)
        {
            if (!System.IO.File.Exists(path))
            {
                Console.WriteLine("CONFIG FAIL " + path + " not found");
                return 1;
            }
            var config = Terminal.Config.TerminalConfig.Parse(System.IO.File.ReadAllText(path), out var error);
            if (config == null)
            {
                Console.WriteLine("CONFIG FAIL " + error);
                return 1;
            }
            Console.WriteLine("CONFIG OK");
            Console.Write(config.ToProvisioningText());
            return 0;
        }

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

            if (options.ShowHelp)
            {
                Console.Write(SimulatorOptions.Help);
                return 0;
            }

            switch (options.Command)
            {
                case SimulatorCommand.SelfTest:
                    return SelfTest.Run() ? 0 : 1;
                case SimulatorCommand.Probe:
                    Probe.Run(options.ProbeRepetitions);
                    return 0;
                case SimulatorCommand.CheckConfig:
                    return CheckConfig(options.ConfigPath!);
                default:
                    return VirtualTerminalHost.Run(options);
            }
        }
    }
}
