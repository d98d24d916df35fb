using Terminal.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>
/// The four penalty rules of ISO/IEC 18004 7.8.3 on hand-drawn matrices, and the N3 reading this encoder
/// follows (Nayuki's: light quiet zone beyond the edges, each light side of a 1:1:3:1:1 pattern counts).
/// Patterns are drawn in row 0 of a checkerboard, which itself has no runs, blocks or patterns.
/// </summary>
public class QrPenaltyTests
{
    private readonly int[] _history = new int[QrPenalty.RunHistoryLength];

    /// <summary>Rows of '#' (dark) and '.' (light).</summary>
    private static (byte[] Modules, int Size) Matrix(string[] rows)
    {
        int size = rows.Length;
        var modules = new byte[size * size];
        for (int y = 0; y < size; y++)
        {
            Assert.Equal(size, rows[y].Length);
            for (int x = 0; x < size; x++) modules[y * size + x] = rows[y][x] == '#' ? (byte)1 : (byte)0;
        }
        return (modules, size);
    }

    private static string[] Checkerboard(int size) =>
        Enumerable.Range(0, size).Select(y => new string(Enumerable.Range(0, size).Select(x => (x + y) % 2 == 0 ? '#' : '.').ToArray())).ToArray();

    /// <summary>A checkerboard with its first row replaced (columns then hold runs of at most 2).</summary>
    private static string[] WithFirstRow(string row)
    {
        var rows = Checkerboard(row.Length);
        rows[0] = row;
        return rows;
    }

    private static string[] Transpose(string[] rows) =>
        Enumerable.Range(0, rows.Length).Select(x => new string(rows.Select(r => r[x]).ToArray())).ToArray();

    private int RunPenalty(string[] rows)
    {
        var (m, size) = Matrix(rows);
        return QrPenalty.RunPenalty(m, size, _history);
    }

    [Fact]
    public void A_checkerboard_scores_nothing()
    {
        var (m, size) = Matrix(Checkerboard(11));
        Assert.Equal(0, QrPenalty.Score(m, size, _history));
    }

    [Fact]
    public void N1_a_run_of_five_scores_3_and_each_module_beyond_scores_1_in_rows_and_columns()
    {
        var rows = WithFirstRow("#######.#.#"); // a run of 7: 3 + 2
        Assert.Equal(QrPenalty.N1 + 2, RunPenalty(rows));
        Assert.Equal(QrPenalty.N1 + 2, RunPenalty(Transpose(rows)));
        Assert.Equal(QrPenalty.N1, RunPenalty(WithFirstRow("#####.#.#.#")));
        Assert.Equal(0, RunPenalty(WithFirstRow("####.#.#.#.")));
    }

    [Fact]
    public void N2_each_2x2_block_of_one_colour_scores_3_overlaps_included()
    {
        var (m, size) = Matrix(["###.#", "###.#", ".#.#.", "#.#.#", ".#.#."]);
        Assert.Equal(2 * QrPenalty.N2, QrPenalty.BlockPenalty(m, size));
        var (light, n) = Matrix([".....", ".....", ".....", ".....", "....."]);
        Assert.Equal(16 * QrPenalty.N2, QrPenalty.BlockPenalty(light, n));
    }

    [Theory]
    [InlineData(0, 90)]   // 0% dark: k = ceil(250 / 25) - 1 = 9
    [InlineData(25, 90)]  // 100% dark
    [InlineData(12, 0)]   // 48%: within 45-55%
    [InlineData(11, 10)]  // 44%: one step out
    [InlineData(10, 10)]  // 40%: still the first step (ceil(50 / 25) - 1 = 1)
    [InlineData(9, 20)]   // 36%
    public void N4_scores_10_per_whole_5_percent_step_beyond_45_to_55(int dark, int expected)
    {
        var modules = new byte[25];
        for (int i = 0; i < dark; i++) modules[i] = 1;
        Assert.Equal(expected, QrPenalty.BalancePenalty(modules, 5));
    }

    [Fact]
    public void N3_a_pattern_with_light_on_both_sides_scores_40_for_each_side()
    {
        // 4 light, then 1:1:3:1:1 ending at the edge: the quiet zone beyond the edge is light, so both sides count.
        Assert.Equal(2 * QrPenalty.N3, RunPenalty(WithFirstRow("....#.###.#")));
        Assert.Equal(2 * QrPenalty.N3, RunPenalty(Transpose(WithFirstRow("....#.###.#"))));
    }

    [Fact]
    public void N3_a_pattern_with_four_light_modules_on_one_side_only_scores_40()
    {
        // On the left only one light module separates it from other dark modules.
        Assert.Equal(QrPenalty.N3, RunPenalty(WithFirstRow("#.#.#.###.#")));
    }

    [Fact]
    public void N3_an_inverted_pattern_does_not_count()
    {
        Assert.Equal(0, RunPenalty(WithFirstRow("####.#...#.")));
    }

    [Fact]
    public void N3_a_pattern_drawn_two_modules_wide_counts_like_the_one_module_pattern()
    {
        // Runs 2:2:6:2:2 with 2 light + quiet zone before and 6 light + quiet zone after. N1: the dark 6-run
        // and the light 6-run score 3 + 1 each.
        Assert.Equal(2 * (QrPenalty.N1 + 1) + 2 * QrPenalty.N3, RunPenalty(WithFirstRow("..##..######..##......")));
    }
}
