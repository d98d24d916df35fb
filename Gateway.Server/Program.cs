using Gateway.Server.Load;
using Gateway.Server.Terminals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gateway.Server;

// Command line (README "The gateway server"):
//   (no command)                                   serve terminals, the wallet and the merchant page
//   terminals add ID [--out FILE] [--wifi SSID] [--panel ssd1306|sh1106] [--gateway-url URL]
//   terminals rotate ID [--out FILE] ...           new key, the old one accepted for the grace period
//   terminals disable ID | enable ID | list
//   merchant password                              set the merchant page's password (read from standard input)
//   load N [--instances 1|2] [--seconds S]         loopback load run (docs/benchmarks.md)
// Configuration for every command: --Gateway:Name=value, environment Gateway__Name, or gateway.json.
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        (string[] commandArgs, IConfiguration configuration) = GatewayCommandLine.Split(args);
        var options = new GatewayServerOptions();
        configuration.GetSection(GatewayServerOptions.Section).Bind(options);

        try
        {
            if (commandArgs.Length > 0)
            {
                return commandArgs[0] switch
                {
                    "terminals" => await TerminalsCommand.RunAsync(commandArgs[1..], options),
                    "merchant" => await TerminalsCommand.MerchantAsync(commandArgs[1..], options),
                    "load" => await LoadCommand.RunAsync(commandArgs[1..], options),
                    _ => GatewayCommandLine.Usage("unknown command " + commandArgs[0]),
                };
            }

            // The SQLite provider's async calls run synchronously on pool threads: start with enough threads that a
        // burst of database calls does not wait for the pool's slow thread injection (seen as 2 s stalls).
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), io);
        await using GatewayHost host = await GatewayHost.StartAsync(options, logging: log => log.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
            string? firstPassword = await host.Merchant.EnsurePasswordAsync();
            Console.WriteLine($"gateway: terminals and the wallet at {host.BaseUrl}, merchant page at {host.BaseUrl}/merchant/");
            Console.WriteLine("storage: " + (options.UsesPostgres ? "PostgreSQL" : "SQLite " + Path.GetFullPath(options.ResolvedSqlitePath)));
            if (firstPassword != null)
                Console.WriteLine($"merchant page password (first start, shown once): {firstPassword}  - change it with: dotnet run --project Gateway.Server -- merchant password");
            await host.WaitForShutdownAsync(); // Ctrl+C or SIGTERM
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
