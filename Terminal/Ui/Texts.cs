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
        /// <remarks>
        /// One exit, as in every long switch of the firmware: nanoFramework's MetadataProcessor sizes a method's
        /// evaluation stack by counting each `return value` in a switch as one more slot, so 68 returns made this
        /// call frame 1,872 bytes of heap on the bench instead of 408 (docs/memory.md, "Frames the MetadataProcessor inflates").
        /// </remarks>
        public static string Get(int id, int language)
        {
            bool en = language == Language.English;
            string text;
            switch (id)
            {
                case Starting: text = en ? "Starting" : "Starter"; break;
                case WiFi: text = "Wi-Fi"; break;
                case Gateway: text = en ? "Gateway" : "Server"; break;
                case StatusWaiting: text = en ? "waiting" : "venter"; break;
                case StatusConnecting: text = en ? "connecting" : "kobler til"; break;
                case StatusOk: text = "OK"; break;
                case StatusFailed: text = en ? "failed" : "feil"; break;
                case AmountTitle: text = en ? "Amount" : "Beløp"; break;
                case AmountHint: text = en ? "A:Cancel B:Back D:OK" : "A:Avbryt B:Rett D:OK"; break;
                case KeyInAmount: text = en ? "Key in the amount" : "Tast inn beløpet"; break;
                case MaxAmount: text = en ? "Maximum amount" : "Maks beløp"; break;
                case CreatingOrder: text = en ? "Creating order" : "Oppretter ordre"; break;
                case PleaseWait: text = en ? "Please wait" : "Vent litt"; break;
                case ScanToPay: text = en ? "Scan code" : "Skann kode"; break; // one line beside the code (10 characters)
                case CancelHint: text = en ? "A:Cancel" : "A:Avbryt"; break;
                case Paid: text = en ? "PAID" : "BETALT"; break;
                case PressAnyKey: text = en ? "Press any key" : "Trykk en tast"; break;
                case Cancelled: text = en ? "Cancelled" : "Avbrutt"; break;
                case Expired: text = en ? "Expired" : "Utløpt"; break;
                case PaymentFailed: text = en ? "Payment failed" : "Betaling feilet"; break;
                case NetworkError: text = en ? "Network error" : "Nettverksfeil"; break;
                case NetworkAdvice: text = en ? "Check Wi-Fi and router." : "Sjekk Wi-Fi og ruter."; break;
                case RetryHint: text = en ? "Retrying by itself" : "Prøver igjen selv"; break;
                case TechMenu: text = en ? "Technician menu" : "Teknikermeny"; break;
                case MenuHint: text = en ? "1-7:Choose A:Exit" : "1-7:Velg A:Ut"; break;
                case PinTitle: text = en ? "Technician PIN" : "Tekniker-PIN"; break;
                case PinHint: text = en ? "A:Cancel D:OK" : "A:Avbryt D:OK"; break;
                case LastTransaction: text = en ? "Last transaction" : "Siste transaksjon"; break;
                case NoTransaction: text = en ? "No transaction yet" : "Ingen transaksjon"; break;
                case SelfTestFailed: text = en ? "Self-test failed" : "Selvtest feilet"; break;
                case NoPayments: text = en ? "Takes no payments. Call service." : "Tar ikke imot betaling. Ring service."; break;
                case DisplayTest: text = en ? "Display test" : "Skjermtest"; break;
                case KeypadTest: text = en ? "Keypad test" : "Tastaturtest"; break;
                case Order: text = en ? "Order" : "Ordre"; break;
                case LastKey: text = en ? "Last key" : "Siste tast"; break;
                case Version: text = "v"; break;
                case FailedTitle: text = en ? "Failed" : "Feilet"; break;
                case Closing: text = en ? "Closing order" : "Avslutter ordre"; break;
                case PaidHint: text = en ? "D:OK" : "D:OK"; break;
                case ScrollHint: text = en ? "2\u2191 8\u2193 A:Back" : "2\u2191 8\u2193 A:Tilbake"; break;
                case GatewaySlow: text = en ? "Gateway is slow" : "Serveren er treg"; break;
                case QrTooLarge: text = en ? "Code too long to show" : "Koden er for lang"; break;
                case MenuInfoGateway: text = "1 Info    2 Gateway"; break;
                case MenuKeypadDisplay: text = en ? "3 Keypad  4 Display" : "3 Tastatur 4 Skjerm"; break;
                case MenuSelfTestTiming: text = en ? "5 Selftest 6 Timing" : "5 Selvtest 6 Tid"; break;
                case GatewayTest: text = en ? "Gateway test" : "Gateway-test"; break;
                case Waiting: text = en ? "Waiting..." : "Venter..."; break;
                case WifiDown: text = en ? "down" : "frakoblet"; break;
                case SelfTestTitle: text = en ? "Self-test" : "Selvtest"; break;
                case ProbeTitle: text = en ? "Timing probe" : "Tidsmåling"; break;
                case TestOk: text = "OK, "; break;
                case TestFailed: text = en ? "FAILED: " : "FEIL: "; break;
                case TechLocked: text = en ? "Locked after wrong PINs" : "Låst etter feil PIN"; break;
                case TryAgainIn: text = en ? "Try again in" : "Prøv igjen om"; break;
                case NoPinProvisioned: text = en ? "No technician PIN is provisioned." : "Ingen tekniker-PIN er satt opp."; break;
                case NoPinAdvice: text = en ? "Set technician.pin in terminal.cfg" : "Sett technician.pin i terminal.cfg"; break;
                case MenuRefund: text = en ? "7 Refund" : "7 Refusjon"; break;
                case RefundTitle: text = en ? "Refund: choose sale" : "Refusjon: velg salg"; break;
                case RefundListHint: text = en ? "1-5 #:More A:Back" : "1-5 #:Mer A:Tilbake"; break;
                case NoPaidSales: text = en ? "No paid sales" : "Ingen betalte salg"; break;
                case RefundAmountTitle: text = en ? "Refund amount" : "Refusjonsbeløp"; break;
                case RefundConfirmTitle: text = en ? "Confirm refund" : "Bekreft refusjon"; break;
                case Refunding: text = en ? "Refunding" : "Refunderer"; break;
                case Refunded: text = en ? "REFUNDED" : "REFUNDERT"; break;
                case RefundRefused: text = en ? "Refund refused" : "Refusjon avvist"; break;
                case RefundPending: text = en ? "Refund pending" : "Refusjon venter"; break;
                case BackHint: text = en ? "A:Back" : "A:Tilbake"; break;
                default: text = "?"; break;
            }
            return text;
        }

        /// <summary>The explanation of a <see cref="Reason"/> code.</summary>
        public static string ReasonText(int reason, int language)
        {
            bool en = language == Language.English;
            string text;
            switch (reason)
            {
                case Reason.None: text = ""; break;
                case Reason.CancelledByCashier: text = en ? "Cancelled by the cashier" : "Avbrutt av kassereren"; break;
                case Reason.CancelledByGateway: text = en ? "Cancelled by the gateway" : "Avbrutt av serveren"; break;
                case Reason.QrExpired: text = en ? "The code was not paid in time" : "Koden ble ikke betalt i tide"; break;
                case Reason.Declined: text = en ? "Declined by the wallet" : "Avvist av lommeboken"; break;
                case Reason.GatewayRejected: text = en ? "Rejected by gateway" : "Avvist av serveren"; break;
                case Reason.GatewayTimeout: text = en ? "The gateway does not answer" : "Serveren svarer ikke"; break;
                case Reason.NoWifi: text = en ? "No Wi-Fi connection" : "Ingen Wi-Fi-forbindelse"; break;
                case Reason.GatewayUnreachable: text = en ? "Cannot reach the gateway" : "Får ikke kontakt med serveren"; break;
                case Reason.AmountTooLarge: text = en ? "The amount is too large" : "Beløpet er for stort"; break;
                case Reason.InternalError: text = en ? "Internal error" : "Intern feil"; break;
                case Reason.InterruptedByRestart: text = en ? "Stopped by a restart, not paid" : "Stoppet av omstart, ikke betalt"; break;
                case Reason.NothingToRefund: text = en ? "Already refunded in full" : "Allerede refundert i sin helhet"; break;
                case Reason.RefundNotConfirmed: text = en ? "Not confirmed yet" : "Ikke bekreftet ennå"; break;
                default: text = "?"; break;
            }
            return text;
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
