using Terminal.Qr;
using Xunit;
using Version = ZXing.QrCode.Internal.Version;

namespace Terminal.Tests.Qr;

/// <summary>The vectors of reference/qr.md and the standard's tables, checked against ZXing's independent copies.</summary>
public class QrStandardVectorTests
{
    private static readonly int[] AllEcc = [QrEcc.L, QrEcc.M, QrEcc.Q, QrEcc.H];

    private static byte[] Codewords(string text, int ecc, int version)
    {
        var encoder = new QrEncoder(version);
        var code = new QrCode(version);
        Assert.Equal(QrStatus.Ok, encoder.EncodeText(text, ecc, false, version, version, -1, code));
        var buffer = new byte[QrSpec.NumTotalCodewords(version)];
        int count = encoder.CopyCodewords(buffer, 0);
        return buffer[..count];
    }

    [Fact]
    public void Annex_I_01234567_at_1_M_gives_the_standard_data_and_ecc_codewords()
    {
        byte[] codewords = Codewords("01234567", QrEcc.M, 1);
        Assert.Equal(Convert.FromHexString("10200C566180EC11EC11EC11EC11EC11"), codewords[..16]);
        Assert.Equal(Convert.FromHexString("A524D4C1ED36C7872C55"), codewords[16..]);
    }

    [Fact]
    public void HELLO_WORLD_at_1_M_gives_the_known_ecc_codewords()
    {
        byte[] codewords = Codewords("HELLO WORLD", QrEcc.M, 1);
        Assert.Equal(new byte[] { 196, 35, 39, 119, 235, 215, 231, 226, 93, 23 }, codewords[16..]);
    }

    [Fact]
    public void Annex_I_symbol_decodes_in_zxing_to_the_same_data_codewords()
    {
        var encoder = new QrEncoder(1);
        var code = new QrCode(1);
        Assert.Equal(QrStatus.Ok, encoder.EncodeText("01234567", QrEcc.M, false, 1, 1, -1, code));
        var result = ZxingReference.DecodeMatrix(code);
        Assert.Equal("01234567", result.Text);
        Assert.Equal(Convert.FromHexString("10200C566180EC11EC11EC11EC11EC11"), result.RawBytes);
    }

    [Fact]
    public void Version_information_of_every_version_7_to_40_is_the_bch_code_zxing_draws()
    {
        Assert.Equal(0x07C94, QrSpec.VersionBits(7));
        Assert.Equal(0x28C69, QrSpec.VersionBits(40));
        for (int version = 1; version <= 6; version++) Assert.Equal(0, QrSpec.VersionBits(version));
        for (int version = 7; version <= 40; version++)
        {
            int bits = QrSpec.VersionBits(version);
            Assert.Equal(version, bits >> 12);
            Assert.Equal(0, Gf2Remainder(bits, 0x1F25));
            // Read both copies from ZXing's symbol: bit i at (x = i / 3, y = size - 11 + i % 3) and transposed.
            bool[][] zxing = ZxingReference.Encode("1", QrEcc.L, version, 0);
            int size = zxing.Length;
            int bottomLeft = 0, topRight = 0;
            for (int i = 0; i < 18; i++)
            {
                if (zxing[size - 11 + i % 3][i / 3]) bottomLeft |= 1 << i;
                if (zxing[i / 3][size - 11 + i % 3]) topRight |= 1 << i;
            }
            Assert.Equal(bits, bottomLeft);
            Assert.Equal(bits, topRight);
        }
    }

    [Fact]
    public void Format_information_for_all_32_level_and_mask_pairs_is_what_zxing_draws()
    {
        Assert.Equal(0x5412, QrSpec.FormatBits(QrEcc.M, 0)); // data 00000: only the XOR mask remains
        Assert.Equal(0x77C4, QrSpec.FormatBits(QrEcc.L, 0));
        var seen = new HashSet<int>();
        foreach (int ecc in AllEcc)
        {
            for (int mask = 0; mask < 8; mask++)
            {
                int bits = QrSpec.FormatBits(ecc, mask);
                Assert.True(seen.Add(bits));
                Assert.Equal(0, Gf2Remainder(bits ^ 0x5412, 0x537));
                // The first copy around the top-left finder (bits 0-5 down column 8, then 7, 8, then row 8 leftwards).
                bool[][] zxing = ZxingReference.Encode("A", ecc, 1, mask);
                int read = 0;
                for (int i = 0; i <= 5; i++) read |= (zxing[i][8] ? 1 : 0) << i;
                read |= (zxing[7][8] ? 1 : 0) << 6;
                read |= (zxing[8][8] ? 1 : 0) << 7;
                read |= (zxing[8][7] ? 1 : 0) << 8;
                for (int i = 9; i < 15; i++) read |= (zxing[8][14 - i] ? 1 : 0) << i;
                Assert.Equal(bits, read);
            }
        }
    }

    [Fact]
    public void Alignment_pattern_positions_of_every_version_match_zxing_table()
    {
        var positions = new int[QrSpec.MaxAlignmentPositions];
        for (int version = 1; version <= 40; version++)
        {
            int count = QrSpec.AlignmentPatternPositions(version, positions);
            int[] expected = Version.getVersionForNumber(version).AlignmentPatternCenters;
            Assert.Equal(expected, positions[..count]);
        }
    }

    [Fact]
    public void Capacities_of_all_160_version_and_level_pairs_match_zxing_blocks()
    {
        for (int version = 1; version <= 40; version++)
        {
            var zxing = Version.getVersionForNumber(version);
            Assert.Equal(zxing.TotalCodewords, QrSpec.NumTotalCodewords(version));
            Assert.Equal(zxing.DimensionForVersion, QrSpec.SizeOf(version));
            foreach (int ecc in AllEcc)
            {
                var blocks = zxing.getECBlocksForLevel(ZxingReference.Level(ecc));
                Assert.Equal(blocks.ECCodewordsPerBlock, QrSpec.EccCodewordsPerBlock(version, ecc));
                Assert.Equal(blocks.NumBlocks, QrSpec.NumErrorCorrectionBlocks(version, ecc));
                Assert.Equal(zxing.TotalCodewords - blocks.TotalECCodewords, QrSpec.NumDataCodewords(version, ecc));
            }
        }
    }

    [Theory]
    [InlineData(1, 17, 14, 11, 7)]
    [InlineData(2, 32, 26, 20, 14)]
    [InlineData(3, 53, 42, 32, 24)]
    [InlineData(4, 78, 62, 46, 34)]
    [InlineData(6, 134, 106, 74, 58)]
    [InlineData(10, 271, 213, 151, 119)]
    [InlineData(13, 425, 331, 241, 177)]
    [InlineData(40, 2953, 2331, 1663, 1273)]
    public void Byte_mode_capacity_is_the_standard_table(int version, int l, int m, int q, int h)
    {
        Assert.Equal(new[] { l, m, q, h }, AllEcc.Select(ecc => QrSpec.Capacity(QrMode.Byte, version, ecc)).ToArray());
    }

    [Theory]
    [InlineData(1, QrEcc.L, 41, 25)]
    [InlineData(1, QrEcc.H, 17, 10)]
    [InlineData(40, QrEcc.L, 7089, 4296)]
    [InlineData(40, QrEcc.H, 3057, 1852)]
    public void Numeric_and_alphanumeric_capacity_is_the_standard_table(int version, int ecc, int numeric, int alphanumeric)
    {
        Assert.Equal(numeric, QrSpec.Capacity(QrMode.Numeric, version, ecc));
        Assert.Equal(alphanumeric, QrSpec.Capacity(QrMode.Alphanumeric, version, ecc));
    }

    /// <summary>Remainder of polynomial division over GF(2).</summary>
    private static int Gf2Remainder(int value, int generator)
    {
        int generatorDegree = 31 - int.LeadingZeroCount(generator);
        for (int bit = 31 - int.LeadingZeroCount(value | 1); bit >= generatorDegree; bit--)
            if (((value >> bit) & 1) != 0) value ^= generator << (bit - generatorDegree);
        return value;
    }
}
