namespace Terminal.Ui
{
    /// <summary>
    /// Every text the screens show (the technician menu's and the manager's refund included), in Norwegian (the default) and English. Ids are codes; each case keeps both
    /// languages side by side so a missing translation is visible in review. Strings are literals: no allocation.
    /// Lines are short because the small font fits 21 characters across the panel.
    /// </summary>
    public static class Texts
    {
        public const int Starting = 0;
        public const int WiFi = 1;
        public const int Gateway = 2;
        public const int StatusWaiting = 3;
        public const int StatusConnecting = 4;
        public const int StatusOk = 5;
        public const int StatusFailed = 6;
        public const int AmountTitle = 7;
        public const int AmountHint = 8;
        public const int KeyInAmount = 9;
        public const int MaxAmount = 10;
        public const int CreatingOrder = 11;
        public const int PleaseWait = 12;
        public const int ScanToPay = 13;
        public const int CancelHint = 14;
        public const int Paid = 15;
        public const int PressAnyKey = 16;
        public const int Cancelled = 17;
        public const int Expired = 18;
        public const int PaymentFailed = 19;
        public const int NetworkError = 20;
        public const int NetworkAdvice = 21;
        public const int RetryHint = 22;
        public const int TechMenu = 23;
        public const int MenuHint = 24;
        public const int PinTitle = 25;
        public const int PinHint = 26;
        public const int LastTransaction = 27;
        public const int NoTransaction = 28;
        public const int SelfTestFailed = 29;
        public const int NoPayments = 30;
        public const int DisplayTest = 31;
        public const int KeypadTest = 32;
        public const int Order = 33;
        public const int LastKey = 34;
        public const int Version = 35;
        public const int QrTooLarge = 36;
        public const int FailedTitle = 37;
        public const int Closing = 38;
        public const int GatewaySlow = 39;
        public const int ScrollHint = 40;
        public const int PaidHint = 41;
        public const int MenuInfoGateway = 42;
        public const int MenuKeypadDisplay = 43;
        public const int MenuSelfTestTiming = 44;
        public const int GatewayTest = 45;
        public const int Waiting = 46;
        public const int WifiDown = 47;
        public const int SelfTestTitle = 48;
        public const int ProbeTitle = 49;
        public const int TestOk = 50;
        public const int TestFailed = 51;

        public const int TechLocked = 52;
        public const int TryAgainIn = 53;
        public const int NoPinProvisioned = 54;
        public const int NoPinAdvice = 55;

        // The manager's refund.
        public const int MenuRefund = 56;
        public const int RefundTitle = 57;
        public const int RefundListHint = 58;
        public const int NoPaidSales = 59;
        public const int RefundAmountTitle = 60;
        public const int RefundConfirmTitle = 61;
        public const int Refunding = 62;
        public const int Refunded = 63;
        public const int RefundRefused = 64;
        public const int RefundPending = 65;
        public const int BackHint = 66;

        /// <summary>The highest id, for tests that check every text.</summary>
        public const int Last = BackHint;

        /// <summary>The text with this id in this language (Norwegian for any unknown language code).</summary>
        public static string Get(int id, int language)
        {
            bool en = language == Language.English;
            switch (id)
            {
                case Starting: return en ? "Starting" : "Starter";
                case WiFi: return "Wi-Fi";
                case Gateway: return en ? "Gateway" : "Server";
                case StatusWaiting: return en ? "waiting" : "venter";
                case StatusConnecting: return en ? "connecting" : "kobler til";
                case StatusOk: return "OK";
                case StatusFailed: return en ? "failed" : "feil";
                case AmountTitle: return en ? "Amount" : "Beløp";
                case AmountHint: return en ? "A:Cancel B:Back D:OK" : "A:Avbryt B:Rett D:OK";
                case KeyInAmount: return en ? "Key in the amount" : "Tast inn beløpet";
                case MaxAmount: return en ? "Maximum amount" : "Maks beløp";
                case CreatingOrder: return en ? "Creating order" : "Oppretter ordre";
                case PleaseWait: return en ? "Please wait" : "Vent litt";
                case ScanToPay: return en ? "Scan code" : "Skann kode"; // one line beside the code (10 characters)
                case CancelHint: return en ? "A:Cancel" : "A:Avbryt";
                case Paid: return en ? "PAID" : "BETALT";
                case PressAnyKey: return en ? "Press any key" : "Trykk en tast";
                case Cancelled: return en ? "Cancelled" : "Avbrutt";
                case Expired: return en ? "Expired" : "Utløpt";
                case PaymentFailed: return en ? "Payment failed" : "Betaling feilet";
                case NetworkError: return en ? "Network error" : "Nettverksfeil";
                case NetworkAdvice: return en ? "Check Wi-Fi and router." : "Sjekk Wi-Fi og ruter.";
                case RetryHint: return en ? "Retrying by itself" : "Prøver igjen selv";
                case TechMenu: return en ? "Technician menu" : "Teknikermeny";
                case MenuHint: return en ? "1-7:Choose A:Exit" : "1-7:Velg A:Ut";
                case PinTitle: return en ? "Technician PIN" : "Tekniker-PIN";
                case PinHint: return en ? "A:Cancel D:OK" : "A:Avbryt D:OK";
                case LastTransaction: return en ? "Last transaction" : "Siste transaksjon";
                case NoTransaction: return en ? "No transaction yet" : "Ingen transaksjon";
                case SelfTestFailed: return en ? "Self-test failed" : "Selvtest feilet";
                case NoPayments: return en ? "Takes no payments. Call service." : "Tar ikke imot betaling. Ring service.";
                case DisplayTest: return en ? "Display test" : "Skjermtest";
                case KeypadTest: return en ? "Keypad test" : "Tastaturtest";
                case Order: return en ? "Order" : "Ordre";
                case LastKey: return en ? "Last key" : "Siste tast";
                case Version: return "v";
                case FailedTitle: return en ? "Failed" : "Feilet";
                case Closing: return en ? "Closing order" : "Avslutter ordre";
                case PaidHint: return en ? "D:OK" : "D:OK";
                case ScrollHint: return en ? "2\u2191 8\u2193 A:Back" : "2\u2191 8\u2193 A:Tilbake";
                case GatewaySlow: return en ? "Gateway is slow" : "Serveren er treg";
                case QrTooLarge: return en ? "Code too long to show" : "Koden er for lang";
                case MenuInfoGateway: return "1 Info    2 Gateway";
                case MenuKeypadDisplay: return en ? "3 Keypad  4 Display" : "3 Tastatur 4 Skjerm";
                case MenuSelfTestTiming: return en ? "5 Selftest 6 Timing" : "5 Selvtest 6 Tid";
                case GatewayTest: return en ? "Gateway test" : "Gateway-test";
                case Waiting: return en ? "Waiting..." : "Venter...";
                case WifiDown: return en ? "down" : "frakoblet";
                case SelfTestTitle: return en ? "Self-test" : "Selvtest";
                case ProbeTitle: return en ? "Timing probe" : "Tidsmåling";
                case TestOk: return "OK, ";
                case TestFailed: return en ? "FAILED: " : "FEIL: ";
                case TechLocked: return en ? "Locked after wrong PINs" : "Låst etter feil PIN";
                case TryAgainIn: return en ? "Try again in" : "Prøv igjen om";
                case NoPinProvisioned: return en ? "No technician PIN is provisioned." : "Ingen tekniker-PIN er satt opp.";
                case NoPinAdvice: return en ? "Set technician.pin in terminal.cfg" : "Sett technician.pin i terminal.cfg";
                case MenuRefund: return en ? "7 Refund" : "7 Refusjon";
                case RefundTitle: return en ? "Refund: choose sale" : "Refusjon: velg salg";
                case RefundListHint: return en ? "1-5 #:More A:Back" : "1-5 #:Mer A:Tilbake";
                case NoPaidSales: return en ? "No paid sales" : "Ingen betalte salg";
                case RefundAmountTitle: return en ? "Refund amount" : "Refusjonsbeløp";
                case RefundConfirmTitle: return en ? "Confirm refund" : "Bekreft refusjon";
                case Refunding: return en ? "Refunding" : "Refunderer";
                case Refunded: return en ? "REFUNDED" : "REFUNDERT";
                case RefundRefused: return en ? "Refund refused" : "Refusjon avvist";
                case RefundPending: return en ? "Refund pending" : "Refusjon venter";
                case BackHint: return en ? "A:Back" : "A:Tilbake";
                default: return "?";
            }
        }

        /// <summary>The explanation of a <see cref="Reason"/> code.</summary>
        public static string ReasonText(int reason, int language)
        {
            bool en = language == Language.English;
            switch (reason)
            {
                case Reason.None: return "";
                case Reason.CancelledByCashier: return en ? "Cancelled by the cashier" : "Avbrutt av kassereren";
                case Reason.CancelledByGateway: return en ? "Cancelled by the gateway" : "Avbrutt av serveren";
                case Reason.QrExpired: return en ? "The code was not paid in time" : "Koden ble ikke betalt i tide";
                case Reason.Declined: return en ? "Declined by the wallet" : "Avvist av lommeboken";
                case Reason.GatewayRejected: return en ? "Rejected by gateway" : "Avvist av serveren";
                case Reason.GatewayTimeout: return en ? "The gateway does not answer" : "Serveren svarer ikke";
                case Reason.NoWifi: return en ? "No Wi-Fi connection" : "Ingen Wi-Fi-forbindelse";
                case Reason.GatewayUnreachable: return en ? "Cannot reach the gateway" : "Får ikke kontakt med serveren";
                case Reason.AmountTooLarge: return en ? "The amount is too large" : "Beløpet er for stort";
                case Reason.InternalError: return en ? "Internal error" : "Intern feil";
                case Reason.InterruptedByRestart: return en ? "Stopped by a restart, not paid" : "Stoppet av omstart, ikke betalt";
                case Reason.NothingToRefund: return en ? "Already refunded in full" : "Allerede refundert i sin helhet";
                case Reason.RefundNotConfirmed: return en ? "Not confirmed yet" : "Ikke bekreftet ennå";
                default: return "?";
            }
        }

        /// <summary>The status word of a <see cref="LinkStatus"/> code.</summary>
        public static string Status(int linkStatus, int language)
        {
            switch (linkStatus)
            {
                case LinkStatus.Connecting: return Get(StatusConnecting, language);
                case LinkStatus.Ok: return Get(StatusOk, language);
                case LinkStatus.Failed: return Get(StatusFailed, language);
                default: return Get(StatusWaiting, language);
            }
        }
    }
}
