using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Alipay.Emulator;

/// <summary>
/// <c>dotnet run --project Alipay.Emulator [-- --port N] [--keys-dir DIR]</c>: runs the emulated Alipay on
/// 127.0.0.1 until Ctrl+C or SIGTERM. It writes a demo partner key pair and its own public key as PEM files into the keys
/// folder (a fresh temporary one by default) and prints where they are, so a gateway can be configured for it.
/// </summary>
public static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        int port = 0;
        string keysDir = Path.Combine(Path.GetTempPath(), "alipay-emulator-" + Environment.ProcessId);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length && int.TryParse(args[i + 1], out port) && port is >= 0 and <= 65535) i++;
            else if (args[i] == "--keys-dir" && i + 1 < args.Length) keysDir = args[++i];
            else
            {
                Console.Error.WriteLine("usage: Alipay.Emulator [--port N] [--keys-dir DIR]");
                return 2;
            }
        }

        Directory.CreateDirectory(keysDir);
        using RSA partner = RSA.Create(2048);
        string partnerPrivate = Path.Combine(keysDir, "partner-private.pem");
        string partnerPublic = Path.Combine(keysDir, "partner-public.pem");
        string alipayPublic = Path.Combine(keysDir, "alipay-public.pem");
        File.WriteAllText(partnerPrivate, partner.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(partnerPublic, partner.ExportSubjectPublicKeyInfoPem());

        var settings = new AlipayEmulatorSettings { Port = port, PartnerPublicKeyPem = partner.ExportSubjectPublicKeyInfoPem() };
        await using AlipayEmulator emulator = await AlipayEmulator.StartAsync(settings);
        File.WriteAllText(alipayPublic, emulator.AlipayPublicKeyPem);
        Console.WriteLine("Alipay emulator: " + emulator.GatewayUrl + " (wallet: POST " + emulator.BaseUrl + "/wallet/pay)");
        Console.WriteLine("partner id " + emulator.PartnerId + "; keys (demo only) in " + keysDir + ": partner-private.pem, partner-public.pem, alipay-public.pem");

        // Ctrl+C and SIGTERM both end it cleanly.
        var stop = new TaskCompletionSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stop.Task;
        Console.WriteLine("Alipay emulator stopped");
        return 0;
    }
}
