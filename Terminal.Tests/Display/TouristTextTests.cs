using System.Reflection;
using Xunit;
using Terminal.Drivers.Display;
using Terminal.Ui;
using Terminal.Ui.Fonts;

namespace Terminal.Tests.Display;

/// <summary>The tourist's Chinese lines and the glyphs generated for them from WenQuanYi's bitmap font.</summary>
public class TouristTextTests
{
    /// <summary>Every string constant of <see cref="TouristTexts"/>: a line added there is checked without listing it here.</summary>
    public static TheoryData<string> TouristLines() => new(Lines());

    private static IEnumerable<string> Lines() =>
        typeof(TouristTexts).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);

    [Theory]
    [MemberData(nameof(TouristLines))]
    public void Every_character_of_a_tourist_line_has_a_glyph_in_the_generated_font(string line)
    {
        Assert.NotEmpty(line);
        foreach (char c in line)
            Assert.True(CjkFont.IndexOf(c) >= 0,
                $"'{line}': no glyph for '{c}' (U+{(int)c:X4}); run python3 tools/fonts/gen_fonts.py after changing TouristTexts.cs");
    }

    [Fact]
    public void The_font_holds_only_the_characters_the_lines_use()
    {
        var used = Lines().SelectMany(s => s).Distinct().Count();
        Assert.Equal(used, GlyphCount());
    }

    private static int GlyphCount()
    {
        int held = 0;
        for (int c = 0; c <= char.MaxValue; c++) if (CjkFont.IndexOf((char)c) >= 0) held++;
        return held;
    }

    [Fact]
    public void A_character_outside_the_lines_is_missing_and_draws_as_the_small_question_mark()
    {
        Assert.Equal(-1, CjkFont.IndexOf('好'));
        var drawn = new FrameBuffer();
        int end = Canvas.TouristText(drawn, "好", 0, 0, true);
        var question = new FrameBuffer();
        Canvas.Text(question, "?", 0, 0, true);
        Assert.Equal(question.Bytes.ToArray(), drawn.Bytes.ToArray());
        Assert.Equal(SmallFont.AdvancePx, end);
    }

    [Fact]
    public void Each_glyph_is_inked_distinct_and_within_its_11_px_rows()
    {
        Assert.Equal(11, CjkFont.HeightPx);
        var seen = new HashSet<string>();
        foreach (char c in Lines().SelectMany(s => s).Distinct())
        {
            int index = CjkFont.IndexOf(c);
            int width = CjkFont.WidthPx;
            Assert.Equal(12, width); // the font's advance: 11 px of ink and the gap
            byte[] columns = CjkFont.Glyphs.Skip(CjkFont.Offset(index)).Take(width * CjkFont.PagesPerColumn).ToArray();
            Assert.True(seen.Add(Convert.ToHexString(columns)), $"'{c}' looks like another glyph");
            int inked = 0;
            for (int col = 0; col < width; col++)
            {
                int bits = columns[2 * col] | columns[2 * col + 1] << 8;
                Assert.Equal(0, bits >> CjkFont.HeightPx);
                if (bits != 0) inked++;
            }
            Assert.True(inked >= 5, $"'{c}' has almost no ink");
        }
    }

    /// <summary>
    /// What the Chinese costs the firmware image, measured on the gate-built Terminal.dll (the assembly compiled
    /// against nanoFramework's mscorlib): the generated tables, the IL of the font and of Canvas's tourist
    /// methods, and the lines' UTF-16 strings. nanoFramework's .pe stores the same data and IL.
    /// </summary>
    [Fact]
    public void The_chinese_glyphs_cost_a_few_hundred_bytes_of_flash()
    {
        int tables = 0;
        foreach (FieldInfo field in typeof(CjkFont).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            if (field.GetValue(null) is Array array)
                tables += Buffer.ByteLength(array);
        int strings = Lines().Sum(line => 2 * line.Length);

        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(RepoPaths.GateOutput, "Terminal.dll")));
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        int il = 0;
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(typeHandle);
            string name = md.GetString(type.Name);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                string methodName = md.GetString(method.Name);
                bool counted = name == nameof(CjkFont) || name == nameof(TouristTexts)
                               || (name == nameof(Canvas) && methodName.StartsWith("Tourist", StringComparison.Ordinal));
                if (counted && method.RelativeVirtualAddress != 0) il += System.Reflection.Metadata.PEReaderExtensions.GetMethodBody(pe, method.RelativeVirtualAddress).Size;
            }
        }
        int total = tables + strings + il;
        Console.WriteLine($"Chinese for the tourist: {tables} B tables + {il} B IL + {strings} B strings = {total} B");
        Assert.Equal(CjkFont.Glyphs.Length + GlyphCount() * sizeof(char), tables); // glyph columns and the char table
        Assert.True(il > 0, "the font's and Canvas's tourist methods were found in the gate-built assembly");
        Assert.InRange(total, 1, 1024);
    }

    [Fact]
    public void A_tourist_line_is_drawn_glyph_after_glyph_from_the_generated_columns()
    {
        var fb = new FrameBuffer();
        int end = Canvas.TouristText(fb, TouristTexts.Paid, 4, 16, true); // y on a page boundary: bytes copied
        Assert.Equal(4 + Canvas.TouristWidth(TouristTexts.Paid), end);
        int x = 4;
        foreach (char c in TouristTexts.Paid)
        {
            int index = CjkFont.IndexOf(c);
            for (int col = 0; col < CjkFont.WidthPx; col++, x++)
            {
                Assert.Equal(CjkFont.Glyphs[CjkFont.Offset(index) + 2 * col], fb.Bytes[2 * FrameBuffer.WidthPx + x]);
                Assert.Equal(CjkFont.Glyphs[CjkFont.Offset(index) + 2 * col + 1], fb.Bytes[3 * FrameBuffer.WidthPx + x]);
            }
        }
    }
}
