namespace Terminal.Qr
{
    /// <summary>
    /// What an encode returned. The encoder never throws for data it cannot take and never truncates:
    /// anything but <see cref="Ok"/> leaves the output symbol empty (Size 0), so no stale code can be shown.
    /// </summary>
    public static class QrStatus
    {
        public const int Ok = 0;
        /// <summary>The data does not fit the largest allowed version at the requested ECC level.</summary>
        public const int DataTooLong = 1;
        /// <summary>A symbol exists, but not one that fits the pixel box at one pixel per module.</summary>
        public const int DoesNotFitBox = 2;
        /// <summary>A parameter is out of range (ECC level, version range, mask, offsets, null input).</summary>
        public const int InvalidArgument = 3;

        /// <summary>English words for a status, for log lines and the technician menu.</summary>
        public static string Describe(int status)
        {
            switch (status)
            {
                case Ok: return "ok";
                case DataTooLong: return "data too long";
                case DoesNotFitBox: return "does not fit box";
                case InvalidArgument: return "invalid argument";
                default: return "unknown status";
            }
        }
    }
}
