namespace Terminal.App
{
    /// <summary>
    /// Where the app says what happens, in words a technician understands (serial port on the device, the
    /// simulator's log on a PC). Called on events, never per tick: by the app on the UI thread and by the runner's
    /// worker for its own failures, so an implementation must take lines from both threads.
    /// </summary>
    public interface IAppLog
    {
        void Line(string text);
    }
}
