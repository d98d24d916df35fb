using Mono.Cecil;
using Terminal.Drivers.Memory;
using Terminal.Gateway;
using Terminal.Tests.Firmware;
using Terminal.Ui.Fonts;
using Xunit;

namespace Terminal.Tests.Memory;

/// <summary>
/// Constant tables are text made into arrays once (<see cref="ConstantTable"/>): the parse, its refusals, and a guard
/// that the firmware as the device compiles it has no array initializer left (each costs a static field and a boxed
/// value on nanoCLR's heap for the firmware's life: 48 bytes a table on the bench).
/// </summary>
public class ConstantTableTests
{
    [Fact]
    public void Hex_bytes_are_two_digits_each_with_or_without_spaces_in_either_case()
    {
        Assert.Equal(new byte[] { 0x3E, 0x51, 0xAF, 0x00, 0xff }, ConstantTable.HexBytes("3E 51 aF 00FF"));
        Assert.Empty(ConstantTable.HexBytes(""));
        Assert.Empty(ConstantTable.HexBytes("   "));
    }

    [Theory]
    [InlineData("3E 5")]     // an odd count of digits
    [InlineData("3E 5G")]    // not a hex digit
    [InlineData("0x3E")]     // C's prefix is not part of the table
    [InlineData("3E,51")]    // spaces separate, nothing else
    public void Malformed_hex_tables_are_refused_with_a_clear_error(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ConstantTable.HexBytes(text));
        Assert.Contains("hex table", error.Message);
    }

    [Fact]
    public void Hex_words_are_eight_digits_big_endian()
    {
        Assert.Equal(new uint[] { 0x428a2f98, 0x00000001 }, ConstantTable.HexWords("428a2f98 00000001"));
        Assert.Throws<ArgumentException>(() => ConstantTable.HexWords("428a2f98 0001"));
    }

    [Fact]
    public void Decimal_tables_are_whole_numbers_separated_by_spaces()
    {
        Assert.Equal(new[] { 2637, 90, 0, 30 }, ConstantTable.DecimalInts("2637 90  0 30"));
        Assert.Equal(new[] { 7 }, ConstantTable.DecimalInts(" 7 "));
        Assert.Empty(ConstantTable.DecimalInts(""));
        Assert.Equal(new byte[] { 0, 255, 30 }, ConstantTable.DecimalBytes("0 255 30"));
    }

    [Theory]
    [InlineData("1 -2")]
    [InlineData("1,2")]
    [InlineData("12a")]
    public void Malformed_decimal_tables_are_refused(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ConstantTable.DecimalInts(text));
        Assert.Contains("decimal table", error.Message);
    }

    [Fact]
    public void A_byte_table_refuses_a_number_past_255()
    {
        Assert.Throws<ArgumentException>(() => ConstantTable.DecimalBytes("7 256"));
    }

    [Fact]
    public void The_tables_made_from_text_hold_the_standard_values()
    {
        // SHA-256 of "abc" (FIPS 180-4's first example) exercises every round constant K.
        var sha = new Sha256();
        sha.Update(System.Text.Encoding.ASCII.GetBytes("abc"), 0, 3);
        var digest = new byte[32];
        sha.Finish(digest, 0);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(digest));
        // The small font's '0' (U+0030, glyph 16) and the table's length: 95 ASCII glyphs and 16 extras of 5 columns.
        Assert.Equal(new byte[] { 0x3E, 0x51, 0x49, 0x45, 0x3E }, SmallFont.Glyphs.Skip(SmallFont.GlyphOffset('0')).Take(5));
        Assert.Equal((95 + 16) * SmallFont.BytesPerGlyph, SmallFont.Glyphs.Length);
    }

    [Fact]
    public void The_firmware_as_the_device_compiles_it_has_no_array_initializer_data()
    {
        var compiled = GateCompiler.CompileOptimized(withFirmwareSources: true);
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        Assert.Empty(ArrayInitializerFields(compiled.Image));
    }

    [Fact]
    public void The_guard_finds_a_planted_array_initializer()
    {
        var compiled = GateCompiler.CompileOptimized(false,
            "public static class Planted { public static readonly int[] Steps = { 2637, 90, 0, 30, 3136, 90 }; }");
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        Assert.NotEmpty(ArrayInitializerFields(compiled.Image));
    }

    /// <summary>The compiler's hidden fields that hold array initializers' data (one per distinct table).</summary>
    private static List<string> ArrayInitializerFields(byte[] image)
    {
        using var module = ModuleDefinition.ReadModule(new MemoryStream(image));
        return module.Types.Where(t => t.Name.StartsWith("<PrivateImplementationDetails>", StringComparison.Ordinal))
            .SelectMany(t => t.Fields).Select(f => f.FieldType.Name + " " + f.Name).ToList();
    }
}
