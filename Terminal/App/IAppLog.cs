namespace Terminal.App
{
    /// <summary>
    /// Where the app says what happens, in words a technician understands (serial port on the device, the
    /// simulator's log on a PC). Called on events, never per tick.
    /// </summary>
    public interface IAppLog
    {
        void Line(string text);
    }
}
