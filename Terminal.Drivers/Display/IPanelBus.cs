namespace Terminal.Drivers.Display
{
    /// <summary>
    /// The byte transport under the OLED driver (u8g2's "byte layer"): one call is one I2C write transaction
    /// to the panel, whose address is implicit. Returns false on NACK or bus error instead of throwing, so the
    /// driver decides what a failure means.
    /// </summary>
    public interface IPanelBus
    {
        bool Write(byte[] buffer, int offset, int count);
    }
}
