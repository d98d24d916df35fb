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

        public int Writes;

        public string Read()
        {
            return _text;
        }

        public bool Write(string text)
        {
            if (FailWrites) return false;
            _text = text;
            Writes++;
            return true;
        }
    }
}
