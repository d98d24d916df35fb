namespace Terminal.Drivers.Storage
{
    /// <summary>
    /// One short text that survives a power cut (a file in the ESP32's flash file system on the device). The app
    /// keeps the order id of the sale in progress here, so a restart can ask the gateway how that sale ended -
    /// even when it was paid just before the power went (a paid order is no longer "open" at the gateway).
    /// </summary>
    public interface INonVolatileSlot
    {
        /// <summary>
        /// The stored text; null when the slot is empty; <see cref="NonVolatileSlot.Unreadable"/> when the storage
        /// could not be read or holds no whole record (the caller reports a damaged record: never "empty").
        /// </summary>
        string Read();

        /// <summary>Stores the text (null empties the slot); false when the storage failed.</summary>
        bool Write(string text);
    }

    /// <summary>What <see cref="INonVolatileSlot.Read"/> answers besides the text.</summary>
    public static class NonVolatileSlot
    {
        /// <summary>Unreadable or damaged: a control character, which no stored text (printable ASCII) can be.</summary>
        public const string Unreadable = "\u0001";
    }
}
