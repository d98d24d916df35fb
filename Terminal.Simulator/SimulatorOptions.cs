using System;
using System.Globalization;
using Panels = Terminal.Drivers.Display.PanelController;
using Terminal.Money;

namespace Terminal.Simulator
{
    public enum SimulatorCommand
    {
        Run,
        SelfTest,
        Probe,
        CheckConfig,
    }

    /// <summary>The simulator's parsed command line.</summary>
    public sealed class SimulatorOptions
    {
        public const string Usage =
            "usage: dotnet run --project Terminal.Simulator [-- [--port N] [--headless] [--config FILE] [--lang nb|en] [--currency CODE] [--panel ssd1306|sh1106]\n" +
            "                                                | selftest | probe N | check-config FILE | --help]";

        /// <summary>What --help prints: every option with its default.</summary>
        public const string Help =
            "The virtual payment terminal: the firmware on a virtual panel and keypad, the gateway emulator and the\n" +
            "tourist's phone, all on 127.0.0.1. The first start restores and builds for a minute or two.\n\n" +
            Usage + "\n\n" +
            "  --port N            port of the page and control API (default 5080; 0 picks a free one)\n" +
            "  --headless          serve the control API only; print nothing but log lines\n" +
            "  --config FILE       sell against the gateway of provisioning file FILE (e.g. from Gateway.Server's\n" +
            "                      terminals add) instead of the simulator's own gateway; the file's language,\n" +
            "                      currency and panel then apply, not --lang, --currency, --panel\n" +
            "  --lang nb|en        the cashier's language on the panel (default nb, Norwegian; the tourist's lines\n" +
            "                      are Chinese in both)\n" +
            "  --currency CODE     NOK, SEK, DKK, EUR or ISK (default NOK)\n" +
            "  --panel KIND        ssd1306 (0.96\" module, default) or sh1106 (1.3\" module)\n" +
            "  selftest            run the firmware's power-on self-test and exit (0 = pass)\n" +
            "  probe N             run the firmware's timing probe, N repetitions per item, and exit\n" +
            "  check-config FILE   check a provisioning file with the firmware's parser (0 = good)\n" +
            "  --help              print this and exit\n";

        public SimulatorCommand Command { get; private set; } = SimulatorCommand.Run;

        /// <summary>Port of the page and control API; 0 picks a free one.</summary>
        public int Port { get; private set; } = 5080;

        public bool Headless { get; private set; }

        public int ProbeRepetitions { get; private set; } = 100;

        /// <summary>A provisioning file to run with (--config): its gateway, id and key instead of the simulator's own.</summary>
        public string? ProvisioningPath { get; private set; }

        /// <summary>The cashier's language (<see cref="Terminal.Language"/> code).</summary>
        public int Language { get; private set; } = Terminal.Language.Norwegian;

        /// <summary>ISO 4217 code of a currency the firmware's table knows.</summary>
        public string Currency { get; private set; } = CurrencyTable.Default.Code;

        /// <summary><see cref="Terminal.Drivers.Display.PanelController.Ssd1306"/> or <see cref="Terminal.Drivers.Display.PanelController.Sh1106"/>.</summary>
        public int PanelController { get; private set; } = Panels.Ssd1306;

        /// <summary>--help: print <see cref="Help"/> and exit.</summary>
        public bool ShowHelp { get; private set; }

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
                    case "--lang":
                        string? language = Value(args, ++i);
                        if (language == "nb" || language == "no") options.Language = Terminal.Language.Norwegian;
                        else if (language == "en") options.Language = Terminal.Language.English;
                        else return "--lang takes nb (Norwegian) or en (English)" + Got(language);
                        break;
                    case "--currency":
                        string? code = Value(args, ++i);
                        Currency? currency = code == null ? null : CurrencyTable.FindByCode(code.ToUpperInvariant());
                        if (currency == null) return "--currency takes one of " + CurrencyTable.CodeList() + Got(code);
                        options.Currency = currency.Code;
                        break;
                    case "--panel":
                        string? panel = Value(args, ++i)?.ToLowerInvariant();
                        if (panel == "ssd1306") options.PanelController = Panels.Ssd1306;
                        else if (panel == "sh1106") options.PanelController = Panels.Sh1106;
                        else return "--panel takes ssd1306 (0.96\" modules) or sh1106 (1.3\" modules)" + Got(panel);
                        break;
                    case "--help":
                    case "-h":
                        options.ShowHelp = true;
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
                    default:
                        return "unknown argument '" + arg + "'";
                }
            }
            return null;
        }

        private static string? Value(string[] args, int i) => i < args.Length ? args[i] : null;

        private static string Got(string? value) => value == null ? "" : ", got '" + value + "'";

        private static bool TryParsePort(string text, out int port)
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
        }
    }
}
