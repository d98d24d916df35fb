namespace Terminal.App
{
    /// <summary>What the app asks the worker thread to do (gateway calls, diagnostics). Codes, not an enum.</summary>
    public static class RequestKind
    {
        public const int None = 0;
        public const int ListOpen = 1;
        public const int Query = 2;
        public const int Create = 3;
        public const int Wait = 4;
        public const int Cancel = 5;
        public const int Ping = 6;
        public const int SelfTest = 7;  // the technician's self-test, run at the worker
        public const int Probe = 8;     // the technician's timing probe, run at the worker
        public const int RecentSales = 9; // the manager's refund: this terminal's last paid sales
        public const int Refund = 10;     // the manager's refund: the refund itself (its id in AppRequest.RefundId)

        /// <summary>
        /// The technician's self-test and probe: they start with the keypad at rest and the UI loop sleeps until their
        /// answer (TerminalRunner), so they have the CPU and the heap to themselves.
        /// </summary>
        public static bool RunsAlone(int kind)
        {
            return kind == SelfTest || kind == Probe;
        }

        public static string Name(int kind)
        {
            string name;
            switch (kind)
            {
                case ListOpen: name = "list-open-orders"; break;
                case Query: name = "query"; break;
                case Create: name = "create"; break;
                case Wait: name = "wait"; break;
                case Cancel: name = "cancel"; break;
                case Ping: name = "ping"; break;
                case SelfTest: name = "self-test"; break;
                case Probe: name = "probe"; break;
                case RecentSales: name = "recent-sales"; break;
                case Refund: name = "refund"; break;
                default: name = "none"; break;
            }
            return name;
        }
    }
}
