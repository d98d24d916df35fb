using Terminal.Drivers.Storage;

namespace Terminal.Drivers.Fakes
{
    /// <summary>
    /// A slot in RAM: the simulator keeps one instance across its virtual power cuts (standing in for flash), and
    /// tests use it. Not for the device, where RAM does not survive a power cut.
    /// </summary>
    public sealed class MemorySlot : INonVolatileSlot
    {
        private string _text;

        /// <summary>Writes fail while true (a worn or full flash), for tests.</summary>
        public bool FailWrites;

        /// <summary>The next this many writes fail (a flash that refuses a while, then recovers), for tests.</summary>
        public int FailNextWrites;

        /// <summary>Reads fail while true (the flash cannot be read), for tests.</summary>
        public bool FailReads;

        public int Writes;

        public string Read()
        {
            return FailReads ? NonVolatileSlot.Unreadable : _text;
        }

        public bool Write(string text)
        {
            if (FailWrites) return false;
            if (FailNextWrites > 0)
            {
                FailNextWrites--;
                return false;
            }
            _text = text;
            Writes++;
            return true;
        }
    }
}
