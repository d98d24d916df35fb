using System;
using System.Linq;
using Terminal.Diagnostics;

namespace Terminal.Simulator
{
    /// <summary>
    /// Command line of the virtual terminal (stable: scripts and checks use it):
    ///   (no arguments)   start the gateway server and the virtual terminal, serve the page
    ///   --port N         port of the page and the control API
    ///   --headless       serve the API only, print only log lines
    ///   --acquirer A     alipay (default: the gateway's acquirer is the Alipay emulator, the phone pays there)
    ///                    or development (the gateway's own development wallet)
    ///   --config F       sell against the gateway of provisioning file F (e.g. from Gateway.Server's terminals add)
    ///   --lang nb|en, --currency NOK|SEK|DKK|EUR|ISK, --panel ssd1306|sh1106   the virtual terminal's provisioning
    ///   --help           print the options
    ///   selftest         run the firmware's power-on self-test and exit (0 = pass)
    ///   probe N          run the firmware's timing probe with N repetitions and exit
    ///   check-config F   check a provisioning file with the firmware's parser (0 = good)
    ///   campaign N SEED  N sales through the whole virtual terminal under network faults, power cuts and flash
    ///                    faults; prints the totals (0 = no double order, false/missed PAID, mismatch or stuck terminal)
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
                case SimulatorCommand.Campaign:
                {
                    var totals = Campaign.AppFaultCampaign.Run(options.CampaignSales, options.CampaignSeed, Console.WriteLine);
                    Console.WriteLine(totals);
                    foreach (string problem in totals.Problems.Take(20)) Console.WriteLine("  " + problem);
                    return totals.Clean ? 0 : 1;
                }
                default:
                    return VirtualTerminalHost.Run(options);
            }
        }
    }
}
