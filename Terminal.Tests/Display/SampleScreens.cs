using Terminal.Ui;

namespace Terminal.Tests.Display;

/// <summary>The screens as the app would fill them, one sample per screen (and a few variants), for the
/// reference images, the gallery and the performance tests.</summary>
public static class SampleScreens
{
    public const string AlipayUrl = "https://qr.alipay.com/bax03431ljhokirwl38f00a7"; // 46 characters

    public static readonly string[] Names =
    {
        "boot", "amount", "amount-max", "creating", "creating-slow", "closing", "qr", "paid", "cancelled", "cancelled-restart", "expired", "failed",
        "network-error", "tech-menu", "tech-info", "pin-entry", "last-transaction", "selftest-failed", "display-test",
        "keypad-test", "tech-locked", "tech-no-pin", "tech-probe",
        "refund-list", "refund-amount", "refund-confirm", "refunding", "refunded", "refund-refused", "refund-pending",
    };

    public static readonly (int Code, string Tag)[] Languages = { (Language.Norwegian, "no"), (Language.English, "en") };

    /// <summary>Fills the model for a named sample in a language (resetting what other samples set).</summary>
    public static void Fill(ScreenModel m, string name, int language)
    {
        bool en = language == Language.English;
        m.Language = language;
        m.SetAmount("125,00");
        m.CurrencyCode = "NOK";
        m.AmountOverflowCue = false;
        m.OrderId = null;
        m.Reason = Reason.None;
        m.ReasonDetail = null;
        m.MenuFirstLine = 0;
        m.MenuScrolls = false;
        switch (name)
        {
            case "boot":
                m.Screen = ScreenId.Boot;
                m.BootProgressPercent = 60;
                m.WifiStatus = LinkStatus.Ok;
                m.GatewayStatus = LinkStatus.Connecting;
                break;
            case "amount":
                m.Screen = ScreenId.Amount;
                break;
            case "amount-max":
                m.Screen = ScreenId.Amount;
                m.SetAmount("99 999,99");
                m.AmountOverflowCue = true;
                break;
            case "creating":
                m.Screen = ScreenId.Creating;
                m.ProgressPercent = 40;
                break;
            case "creating-slow":
                m.Screen = ScreenId.Creating;
                m.ProgressPercent = 40;
                m.Reason = Reason.GatewayTimeout;
                break;
            case "closing":
                m.Screen = ScreenId.Closing;
                m.ProgressPercent = 60;
                break;
            case "qr":
                m.Screen = ScreenId.Qr;
                m.SecondsLeft = 299;
                break;
            case "paid":
                m.Screen = ScreenId.Paid;
                m.OrderId = "e82-000001"; // the app shows the last 10 characters of the order id
                break;
            case "cancelled":
                m.Screen = ScreenId.Cancelled;
                m.Reason = Reason.CancelledByCashier;
                m.OrderId = "e82-000001"; // the app shows the last 10 characters of the order id
                break;
            case "cancelled-restart":
                m.Screen = ScreenId.Cancelled;
                m.Reason = Reason.InterruptedByRestart;
                m.OrderId = "e82-000001"; // the app shows the last 10 characters of the order id
                break;
            case "expired":
                m.Screen = ScreenId.Expired;
                m.Reason = Reason.QrExpired;
                m.OrderId = "e82-000001"; // the app shows the last 10 characters of the order id
                break;
            case "failed":
                m.Screen = ScreenId.Failed;
                m.Reason = Reason.GatewayRejected;
                m.ReasonDetail = "ACQ.SYSTEM_ERROR";
                m.OrderId = "e82-000001"; // the app shows the last 10 characters of the order id
                break;
            case "network-error":
                m.Screen = ScreenId.NetworkError;
                m.Reason = Reason.GatewayUnreachable;
                break;
            case "tech-menu":
                m.Screen = ScreenId.TechMenu;
                string[] lines = en
                    ? new[] { "1 Info    2 Gateway", "3 Keypad  4 Display", "5 Selftest 6 Timing", "7 Refund" }
                    : new[] { "1 Info    2 Gateway", "3 Tastatur 4 Skjerm", "5 Selvtest 6 Tid", "7 Refusjon" };
                for (int i = 0; i < lines.Length; i++) m.MenuLines[i] = lines[i];
                m.MenuLineCount = lines.Length;
                m.MenuSelection = -1;
                break;
            case "tech-info":
                m.Screen = ScreenId.TechMenu;
                string[] info = { "FW 0.1.0", "ID T0001", "WiFi ShopWiFi", "IP 192.168.1.23", "GW https://gw.example.no" };
                for (int i = 0; i < info.Length; i++) m.MenuLines[i] = info[i];
                m.MenuLineCount = info.Length;
                m.MenuSelection = -1;
                m.MenuScrolls = true;
                break;
            case "pin-entry":
                m.Screen = ScreenId.PinEntry;
                m.PinDigits = 2;
                break;
            case "last-transaction":
                m.Screen = ScreenId.LastTransaction;
                m.LastOutcome = ScreenId.Paid;
                m.OrderId = "e82-000001"; // the app shows the last 10 characters of the order id
                break;
            case "selftest-failed":
                m.Screen = ScreenId.SelfTestFailed;
                m.FailedItem = "qr.annexI";
                break;
            case "display-test":
                m.Screen = ScreenId.DisplayTest;
                m.TestPattern = ScreenModel.TestPatternFrameAndStripes;
                break;
            case "keypad-test":
                m.Screen = ScreenId.KeypadTest;
                m.LastKey = '5';
                break;
            case "tech-probe":
                m.Screen = ScreenId.TechMenu;
                string[] probe = { "qr.encode.url46.fit64", "   0.412 ms", "qr.encode.url300.M", "   1.903 ms", "display.render.amount", "   0.021 ms" };
                for (int i = 0; i < probe.Length; i++) m.MenuLines[i] = probe[i];
                m.MenuLineCount = probe.Length;
                m.MenuSelection = -1;
                m.MenuScrolls = true;
                break;
            case "tech-locked":
                m.Screen = ScreenId.TechRefused;
                m.LockedSeconds = 4 * 60 + 32;
                break;
            case "tech-no-pin":
                m.Screen = ScreenId.TechRefused;
                m.LockedSeconds = 0;
                break;
            case "refund-list":
                m.Screen = ScreenId.RefundList;
                string[] sales = en
                    ? new[] { "1    125.00  000017", "2  1,250.00  000016", "3     49.90  000012", "4    300.00  000009", "5     80.00  000004" }
                    : new[] { "1    125,00  000017", "2  1 250,00  000016", "3     49,90  000012", "4    300,00  000009", "5     80,00  000004" };
                for (int i = 0; i < sales.Length; i++) m.MenuLines[i] = sales[i];
                m.MenuLineCount = sales.Length;
                m.MenuSelection = -1;
                break;
            case "refund-amount":
                m.Screen = ScreenId.RefundAmount;
                m.SetAmount(en ? "50.00" : "50,00");
                m.OrderId = "e82-000017";
                break;
            case "refund-confirm":
                m.Screen = ScreenId.RefundConfirm;
                m.SetAmount(en ? "50.00" : "50,00");
                m.OrderId = "e82-000017";
                break;
            case "refunding":
                m.Screen = ScreenId.Refunding;
                m.SetAmount(en ? "50.00" : "50,00");
                m.ProgressPercent = 50;
                break;
            case "refunded":
                m.Screen = ScreenId.Refunded;
                m.SetAmount(en ? "50.00" : "50,00");
                m.OrderId = "e82-000017";
                break;
            case "refund-refused":
                m.Screen = ScreenId.RefundRefused;
                m.Reason = Reason.GatewayRejected;
                m.ReasonDetail = "refund_exceeds_paid";
                m.OrderId = "e82-000017";
                break;
            case "refund-pending":
                m.Screen = ScreenId.RefundPending;
                m.Reason = Reason.RefundNotConfirmed;
                m.ReasonDetail = "refund_pending";
                m.OrderId = "e82-000017";
                break;
            default:
                throw new ArgumentException("no sample named " + name);
        }
    }
}
