namespace Terminal.App
{
    /// <summary>What the app asks the network worker to do. Codes, not an enum.</summary>
    public static class RequestKind
    {
        public const int None = 0;
        public const int ListOpen = 1;
        public const int Query = 2;
        public const int Create = 3;
        public const int Wait = 4;
        public const int Cancel = 5;
        public const int Ping = 6;

        public static string Name(int kind)
        {
            switch (kind)
            {
                case ListOpen: return "list-open-orders";
                case Query: return "query";
                case Create: return "create";
                case Wait: return "wait";
                case Cancel: return "cancel";
                case Ping: return "ping";
                default: return "none";
            }
        }
    }
}
