using Terminal.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>
/// The encoder scores masks on a packed copy of the symbol; its scores must be exactly those of the plain
/// rule-by-rule <see cref="QrPenalty"/> on each masked symbol, and the chosen mask the first lowest.
/// </summary>
public class QrMaskChoiceTests
{
    [Fact]
    public void Packed_mask_scores_equal_the_rule_by_rule_penalty_of_every_masked_symbol()
    {
        var encoder = new QrEncoder(40);
        var code = new QrCode(40);
        var scores = new int[8];
        var history = new int[QrPenalty.RunHistoryLength];
        Property.Check(QrPayloads.ForSmallestVersion, p =>
        {
            Assert.Equal(QrStatus.Ok, encoder.EncodeText(p.Text, p.Ecc, false, 1, 40, -1, code));
            encoder.CopyMaskScores(scores);
            int chosen = code.Mask;
            for (int mask = 0; mask < 8; mask++)
            {
                Assert.Equal(QrStatus.Ok, encoder.EncodeText(p.Text, p.Ecc, false, p.Version, p.Version, mask, code));
                Assert.True(QrPenalty.Score(Modules(code), code.Size, history) == scores[mask], $"mask {mask}");
            }
            int lowest = scores.Min();
            Assert.Equal(Array.IndexOf(scores, lowest), chosen);
        }, iterations: 120, print: p => p.ToString());
    }

    [Fact]
    public void Scaled_finder_like_patterns_are_scored_like_the_rule_by_rule_penalty()
    {
        // Long dark and light runs in byte mode (0xFF / 0x00 bytes) make lines with 6- and 8+-module dark runs.
        var encoder = new QrEncoder(10);
        var code = new QrCode(10);
        var scores = new int[8];
        var history = new int[QrPenalty.RunHistoryLength];
        for (int length = 1; length < 200; length += 7)
        {
            byte[] data = Enumerable.Range(0, length).Select(i => (byte)((i / 3) % 2 == 0 ? 0xFF : 0x00)).ToArray();
            Assert.Equal(QrStatus.Ok, encoder.EncodeBytes(data, 0, length, QrEcc.L, false, 1, 10, -1, code));
            encoder.CopyMaskScores(scores);
            int version = code.Version;
            for (int mask = 0; mask < 8; mask++)
            {
                Assert.Equal(QrStatus.Ok, encoder.EncodeBytes(data, 0, length, QrEcc.L, false, version, version, mask, code));
                Assert.Equal(QrPenalty.Score(Modules(code), code.Size, history), scores[mask]);
            }
        }
    }

    private static byte[] Modules(QrCode code)
    {
        var modules = new byte[code.Size * code.Size];
        for (int y = 0; y < code.Size; y++)
            for (int x = 0; x < code.Size; x++)
                modules[y * code.Size + x] = code.GetModule(x, y) ? (byte)1 : (byte)0;
        return modules;
    }
}
