using Microsoft.Extensions.Configuration;

namespace Gateway.Server;

/// <summary>Splits the command line into the command's own words and configuration (--Gateway:Name=value).</summary>
public static class GatewayCommandLine
{
    public const string UsageText =
        "usage: dotnet run --project Gateway.Server [-- COMMAND] [--Gateway:Name=value ...]\n" +
        "  (no command)                      serve terminals, the wallet and the merchant page\n" +
        "  terminals add ID [--out FILE] [--wifi SSID] [--panel ssd1306|sh1106] [--gateway-url URL]\n" +
        "  terminals rotate ID [--out FILE]  new key; the old one is accepted for Gateway:KeyRotationGraceSeconds\n" +
        "  terminals disable ID | enable ID | list\n" +
        "  merchant password                 set the merchant page's password (from standard input)\n" +
        "  load N [--instances 1|2] [--seconds S] [--postgres CONNECTION]   loopback load run";

    public static (string[] Command, IConfiguration Configuration) Split(string[] args)
    {
        var command = new List<string>();
        var settings = new List<string>();
        foreach (string arg in args)
        {
            if (arg.StartsWith("--" + GatewayServerOptions.Section + ":", StringComparison.OrdinalIgnoreCase)) settings.Add(arg);
            else command.Add(arg);
        }
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "gateway.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings.ToArray())
            .Build();
        return (command.ToArray(), configuration);
    }

    public static int Usage(string error)
    {
        Console.Error.WriteLine(error);
        Console.Error.WriteLine(UsageText);
        return 2;
    }

    /// <summary>The value after --name, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
