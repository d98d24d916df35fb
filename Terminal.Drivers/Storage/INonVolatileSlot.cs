namespace Terminal.Drivers.Storage
{
    /// <summary>
    /// One short text that survives a power cut (a file in the ESP32's flash file system on the device). The app
    /// keeps the order id of the sale in progress here, so a restart can ask the gateway how that sale ended -
    /// even when it was paid just before the power went (a paid order is no longer "open" at the gateway).
    /// </summary>
    public interface INonVolatileSlot
    {
        /// <summary>The stored text, or null when empty.</summary>
        string Read();

        /// <summary>Stores the text (null empties the slot); false when the storage failed.</summary>
        bool Write(string text);
    }
}
