using Terminal.Drivers.Display;

namespace Terminal.Diagnostics
{
    /// <summary>
    /// A panel bus that keeps the first bytes written to it (up to a capacity set at start-up) and counts all
    /// of them: the self-test checks the driver's byte stream with it, the probe times flushes into it with a
    /// capacity of zero (a bus that discards).
    /// </summary>
    public sealed class RecordingPanelBus : IPanelBus
    {
        private readonly byte[] _recorded;
        private int _recordedCount;
        private long _totalBytes;
        private int _transactions;

        public RecordingPanelBus(int capacityBytes)
        {
            _recorded = new byte[capacityBytes];
        }

        public byte[] Recorded { get { return _recorded; } }
        public int RecordedCount { get { return _recordedCount; } }
        public long TotalBytes { get { return _totalBytes; } }
        public int Transactions { get { return _transactions; } }

        public void Reset()
        {
            _recordedCount = 0;
            _totalBytes = 0;
            _transactions = 0;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            _transactions++;
            _totalBytes += count;
            for (int i = 0; i < count && _recordedCount < _recorded.Length; i++) _recorded[_recordedCount++] = buffer[offset + i];
            return true;
        }
    }
}
