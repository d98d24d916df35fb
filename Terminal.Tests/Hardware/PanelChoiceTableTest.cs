using System.Text.RegularExpressions;
using Xunit;
using ZXing.QrCode.Internal;

namespace Terminal.Tests.Hardware;

/// <summary>The capacity table a technician uses to choose the panel is checked against ZXing's version tables.</summary>
public class PanelChoiceTableTest
{
    [Fact]
    public void The_byte_capacity_table_in_panel_choice_matches_the_standard()
    {
        string notes = File.ReadAllText(RepoPaths.Combine("hardware-notes", "panel-choice.md"));
        string section = notes.Substring(notes.IndexOf("## Byte-mode capacity", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("\n## ", 5, StringComparison.Ordinal));
        var rows = Regex.Matches(section, @"^\| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", RegexOptions.Multiline);
        Assert.Equal(10, rows.Count);
        ErrorCorrectionLevel[] levels = { ErrorCorrectionLevel.L, ErrorCorrectionLevel.M, ErrorCorrectionLevel.Q, ErrorCorrectionLevel.H };
        foreach (Match row in rows)
        {
            int number = int.Parse(row.Groups[1].Value);
            var version = ZXing.QrCode.Internal.Version.getVersionForNumber(number);
            Assert.Equal(version.DimensionForVersion, int.Parse(row.Groups[2].Value));
            for (int i = 0; i < 4; i++)
            {
                int dataCodewords = version.TotalCodewords - version.getECBlocksForLevel(levels[i]).TotalECCodewords;
                int countBits = number <= 9 ? 8 : 16;
                int capacity = (dataCodewords * 8 - 4 - countBits) / 8;
                Assert.True(capacity == int.Parse(row.Groups[3 + i].Value), $"v{number} {levels[i]}: table says {row.Groups[3 + i].Value}, standard gives {capacity}");
            }
        }
    }

    [Theory]
    [InlineData("https://qr.alipay.com/bax03431ljhokirwl38f00a7", 3, "L")]
    [InlineData("weixin://wxpay/bizpayurl?pr=XXXXXXX", 3, "M")]
    public void The_recommended_version_and_level_hold_the_real_payloads(string payload, int versionNumber, string level)
    {
        var hints = new Dictionary<ZXing.EncodeHintType, object> { [ZXing.EncodeHintType.DISABLE_ECI] = true };
        var ec = level == "L" ? ErrorCorrectionLevel.L : ErrorCorrectionLevel.M;
        QRCode code = ZXing.QrCode.Internal.Encoder.encode(payload, ec, hints);
        Assert.Equal(versionNumber, code.Version.VersionNumber);
        Assert.True(code.Version.DimensionForVersion * 2 <= 64 - 6, "version " + versionNumber + " at 2 px/module leaves at least 3 px of quiet zone");
    }
}
