namespace Terminal
{
    /// <summary>What the boot screen, the technician menu and support ask for first.</summary>
    public static class FirmwareInfo
    {
        public const string Name = "Counter QR Terminal";

        /// <summary>Firmware version, shown at boot and in the technician menu. Raise it with every release.</summary>
        public const string Version = "0.1.0";
    }
}
