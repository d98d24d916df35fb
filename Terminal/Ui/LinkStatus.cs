namespace Terminal.Ui
{
    /// <summary>State of a connection the boot screen reports (Wi-Fi, gateway).</summary>
    public static class LinkStatus
    {
        public const int Waiting = 0;
        public const int Connecting = 1;
        public const int Ok = 2;
        public const int Failed = 3;
    }
}
