using System;
using Terminal.App;

namespace Terminal.Device
{
    /// <summary>Log lines to the serial/debug port (DEVICE-ONLY; Console goes to the USB serial port on nanoFramework).</summary>
    public sealed class SerialLog : IAppLog
    {
        public void Line(string text)
        {
            Console.WriteLine(text);
        }
    }
}
