using Terminal.Ui;

namespace Terminal.Tests.App.Fixture;

/// <summary>Logic that reads the screen model back, the way the app must not: the check has to find it.</summary>
public sealed class ReadsTheModel
{
    public static bool Decide(ScreenModel model) => model.ReasonDetail == "qr_too_long" || model.MenuLineCount > 4;

    public static void Write(ScreenModel model)
    {
        model.ReasonDetail = "written";
        model.SetMenuLine(0, "line");
    }
}
