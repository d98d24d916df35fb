using System;

namespace Terminal.Simulator
{
    /// <summary>Starts the gateway emulator, the virtual terminal and the page. Joined up by the POS app issue.</summary>
    public static class VirtualTerminalHost
    {
        public static int Run(SimulatorOptions options)
        {
            Console.Error.WriteLine("The virtual terminal is not assembled yet: run 'selftest' or 'probe N'.");
            return 3;
        }
    }
}
