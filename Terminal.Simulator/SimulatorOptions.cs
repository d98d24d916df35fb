using System;
using System.Globalization;

namespace Terminal.Simulator
{
    public enum SimulatorCommand
    {
        Run,
        SelfTest,
        Probe,
        CheckConfig,
        Campaign,
    }

    /// <summary>The simulator's parsed command line.</summary>
    public sealed class SimulatorOptions
    {
        public const string Usage =
            "usage: dotnet run --project Terminal.Simulator [-- [--port N] [--headless] [--config FILE] | selftest | probe N | check-config FILE | campaign N SEED]";

        public SimulatorCommand Command { get; private set; } = SimulatorCommand.Run;

        /// <summary>Port of the page and control API; 0 picks a free one.</summary>
        public int Port { get; private set; } = 5080;

        public bool Headless { get; private set; }

        public int ProbeRepetitions { get; private set; } = 100;

        /// <summary>Sales and seed of the fault campaign (campaign N SEED).</summary>
        public int CampaignSales { get; private set; } = 1000;
        public int CampaignSeed { get; private set; } = 1;
        /// <summary>A provisioning file to run with (--config): its gateway, id and key instead of the simulator's own.</summary>
        public string? ProvisioningPath { get; private set; }

        /// <summary>The provisioning file to check (check-config).</summary>
        public string? ConfigPath { get; private set; }

        /// <summary>Parses the arguments; returns null on success or a message naming what is wrong.</summary>
        public static string? TryParse(string[] args, out SimulatorOptions options)
        {
            options = new SimulatorOptions();
            for (int i = 0; i < args.Length; i++)
            {
                string arg = args[i];
                switch (arg)
                {
                    case "--port":
                        if (i + 1 >= args.Length || !TryParsePort(args[i + 1], out int port))
                            return "--port needs a port number between 0 and 65535";
                        options.Port = port;
                        i++;
                        break;
                    case "--config":
                        if (i + 1 >= args.Length) return "--config needs the path of a terminal.cfg";
                        options.ProvisioningPath = args[++i];
                        break;
                    case "--headless":
                        options.Headless = true;
                        break;
                    case "selftest":
                        options.Command = SimulatorCommand.SelfTest;
                        break;
                    case "probe":
                        options.Command = SimulatorCommand.Probe;
                        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int reps))
                        {
                            if (reps < 1) return "probe needs a positive number of repetitions";
                            options.ProbeRepetitions = reps;
                            i++;
                        }
                        break;
                    case "check-config":
                        if (i + 1 >= args.Length) return "check-config needs the path of a terminal.cfg";
                        options.Command = SimulatorCommand.CheckConfig;
                        options.ConfigPath = args[++i];
                        break;
                    case "campaign":
                        options.Command = SimulatorCommand.Campaign;
                        if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int sales))
                        {
                            if (sales < 1) return "campaign needs a positive number of sales";
                            options.CampaignSales = sales;
                            i++;
                            if (i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int seed))
                            {
                                options.CampaignSeed = seed;
                                i++;
                            }
                        }
                        break;
                    default:
                        return "unknown argument '" + arg + "'";
                }
            }
            return null;
        }

        private static bool TryParsePort(string text, out int port)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
        }
    }
}
