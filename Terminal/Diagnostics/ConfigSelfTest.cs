using Terminal.Config;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// Known-answer items for the pin map and the provisioning-file parser, run on the device at power-on: the
    /// parser leans on the device's string and Convert implementations, which differ from .NET's.
    /// </summary>
    public static class ConfigSelfTest
    {
        // A complete file in the documented format; the key is base64 of bytes 00..1f.
        private const string SampleFile =
            "# sample\r\n" +
            "wifi.ssid=Butikk\r\n" +
            "wifi.password=correct horse\r\n" +
            "gateway.url=https://pay.example.no/terminal/v1/\r\n" +
            "terminal.id=T-0001\r\n" +
            "terminal.key=base64:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\r\n" +
            "technician.pin=4821\r\n" +
            "panel.controller=sh1106\r\n";

        private const string ClearTextGatewayFile =
            "wifi.ssid=Butikk\n" +
            "terminal.id=T-0001\n" +
            "gateway.url=http://pay.example.no\n";

        public static void Run(SelfTestReport report)
        {
            report.Check("pinmap.rules", PinMapRules);
            report.Check("config.base64Key", Base64Key);
            report.Check("config.fields", Fields);
            report.Check("config.rejectsHttp", RejectsHttp);
        }

        private static void PinMapRules(SelfTestReport report)
        {
            string problem = PinMap.CheckRules();
            report.ExpectTrue(problem == null, problem);
        }

        private static void Base64Key(SelfTestReport report)
        {
            ConfigError error;
            TerminalConfig config = TerminalConfig.Parse(SampleFile, out error);
            if (config == null) report.ExpectText("parsed", error.ToString());
            else report.ExpectHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", config.TerminalKeyBytes, 0, config.TerminalKeyBytes.Length);
        }

        private static void Fields(SelfTestReport report)
        {
            ConfigError error;
            TerminalConfig config = TerminalConfig.Parse(SampleFile, out error);
            string fields = config == null ? error.ToString()
                : config.GatewayBaseUrl + " " + config.TerminalIdText + " " + config.PanelControllerCode.ToString()
                  + " " + config.OrderExpirySeconds.ToString() + " " + (config.TechnicianPinMatches("4821") ? "pin-ok" : "pin-bad");
            report.ExpectText("https://pay.example.no/terminal/v1 T-0001 1 120 pin-ok", fields);
        }

        private static void RejectsHttp(SelfTestReport report)
        {
            ConfigError error;
            TerminalConfig.Parse(ClearTextGatewayFile, out error);
            report.ExpectText("line 3: gateway.url: http:// is allowed only for a loopback host (127.0.0.1, localhost, [::1]); use https://",
                error == null ? "accepted" : error.ToString());
        }

        public static void Run(ProbeReport probe, int repetitions)
        {
            probe.Time("config.parse", repetitions, ParseSample);
        }

        private static void ParseSample()
        {
            ConfigError error;
            TerminalConfig.Parse(SampleFile, out error);
        }
    }
}
