using CsCheck;
using Terminal.Qr;
using Xunit;

namespace Terminal.Tests.Qr;

/// <summary>What the encoder promises callers: mode choice, version and level choice, fitting a box, clear refusals.</summary>
public class QrEncoderBehaviourTests
{
    private readonly QrEncoder _encoder = new(40);
    private readonly QrCode _code = new(40);

    [Theory]
    [InlineData("0123456789", QrMode.Numeric)]
    [InlineData("HELLO WORLD $%*+-./:", QrMode.Alphanumeric)]
    [InlineData("https://qr.alipay.com/bax03431", QrMode.Byte)] // lower case is not alphanumeric
    [InlineData("Blåbær", QrMode.Byte)]
    public void Text_goes_in_the_most_compact_single_mode_that_holds_every_character(string text, int mode)
    {
        Assert.Equal(QrStatus.Ok, _encoder.EncodeText(text, QrEcc.L, _code));
        Assert.Equal(mode, _code.Mode);
        Assert.Equal(text, ZxingReference.DecodeMatrix(_code).Text);
    }

    [Theory]
    [InlineData(QrMode.Numeric)]
    [InlineData(QrMode.Alphanumeric)]
    [InlineData(QrMode.Byte)]
    public void Data_at_exact_capacity_fits_the_version_and_one_character_more_needs_the_next(int mode)
    {
        char c = mode == QrMode.Numeric ? '5' : (mode == QrMode.Alphanumeric ? 'Q' : 'q');
        for (int version = 1; version <= 40; version += 3)
        {
            foreach (int ecc in new[] { QrEcc.L, QrEcc.M, QrEcc.Q, QrEcc.H })
            {
                int capacity = QrSpec.Capacity(mode, version, ecc);
                Assert.Equal(QrStatus.Ok, _encoder.EncodeText(new string(c, capacity), ecc, false, 1, 40, -1, _code));
                Assert.Equal(version, _code.Version);
                int status = _encoder.EncodeText(new string(c, capacity + 1), ecc, false, 1, 40, -1, _code);
                Assert.Equal(version == 40 ? QrStatus.DataTooLong : QrStatus.Ok, status);
                Assert.Equal(version == 40 ? 0 : version + 1, _code.Version);
            }
        }
    }

    [Fact]
    public void Boosting_raises_the_level_as_far_as_the_smallest_version_allows_and_never_changes_the_version()
    {
        Property.Check(QrPayloads.ForSmallestVersion, p =>
        {
            Assert.Equal(QrStatus.Ok, _encoder.EncodeText(p.Text, p.Ecc, true, 1, 40, -1, _code));
            Assert.Equal(p.Version, _code.Version);
            Assert.True(_code.Ecc >= p.Ecc);
            if (_code.Ecc < QrEcc.H) // the next level up must not fit this version
                Assert.Equal(QrStatus.DataTooLong, _encoder.EncodeText(p.Text, _code.Ecc + 1, false, p.Version, p.Version, -1, new QrCode(40)));
        }, iterations: 100, print: p => p.ToString());
    }

    [Fact]
    public void Without_boosting_the_requested_level_is_kept()
    {
        Assert.Equal(QrStatus.Ok, _encoder.EncodeText("1", QrEcc.L, false, 1, 40, -1, _code));
        Assert.Equal(QrEcc.L, _code.Ecc);
        Assert.Equal(QrStatus.Ok, _encoder.EncodeText("1", QrEcc.L, true, 1, 40, -1, _code));
        Assert.Equal(QrEcc.H, _code.Ecc);
    }

    [Fact]
    public void A_minimum_version_is_respected_even_when_a_smaller_one_would_hold_the_data()
    {
        Assert.Equal(QrStatus.Ok, _encoder.EncodeText("HELLO", QrEcc.M, false, 5, 40, -1, _code));
        Assert.Equal(5, _code.Version);
        Assert.Equal(QrSpec.SizeOf(5), _code.Size);
    }

    [Fact]
    public void Bytes_in_a_slice_of_a_larger_buffer_encode_like_the_same_text()
    {
        byte[] buffer = "xx https://qr.alipay.com/abc yy"u8.ToArray();
        Assert.Equal(QrStatus.Ok, _encoder.EncodeBytes(buffer, 3, 25, QrEcc.M, true, 1, 40, 3, _code));
        Assert.Equal("https://qr.alipay.com/abc", ZxingReference.DecodeMatrix(_code).Text);
    }

    [Fact]
    public void Data_longer_than_the_largest_allowed_version_is_refused_with_an_empty_symbol()
    {
        var small = new QrEncoder(3);
        var code = new QrCode(3);
        Assert.Equal(QrStatus.Ok, small.EncodeText("HELLO", QrEcc.L, code));
        string tooLong = new string('a', QrSpec.Capacity(QrMode.Byte, 3, QrEcc.L) + 1);
        Assert.Equal(QrStatus.DataTooLong, small.EncodeText(tooLong, QrEcc.L, code));
        Assert.False(code.IsValid); // the previous symbol is gone: no stale payment code
        Assert.Equal(0, code.Size);
        Assert.False(code.GetModule(0, 0));
        // Far beyond any buffer: still a status, not an exception.
        Assert.Equal(QrStatus.DataTooLong, small.EncodeText(new string('9', 100_000), QrEcc.L, code));
        Assert.Equal(QrStatus.DataTooLong, _encoder.EncodeText(new string('a', 2954), QrEcc.L, _code));
        Assert.Equal(QrStatus.DataTooLong, _encoder.EncodeText(new string('Z', 4297), QrEcc.L, _code));
        Assert.Equal(QrStatus.DataTooLong, _encoder.EncodeText(new string('1', 7090), QrEcc.L, _code));
    }

    [Fact]
    public void The_smaller_of_encoder_and_symbol_capacity_bounds_the_version()
    {
        var code = new QrCode(2);
        Assert.Equal(QrStatus.Ok, _encoder.EncodeText(new string('a', 32), QrEcc.L, false, 1, 40, -1, code));
        Assert.Equal(2, code.Version);
        Assert.Equal(QrStatus.DataTooLong, _encoder.EncodeText(new string('a', 33), QrEcc.L, false, 1, 40, -1, code));
        Assert.Equal(QrStatus.DataTooLong, _encoder.EncodeText(new string('a', 33), QrEcc.L, false, 1, 2, -1, _code));
    }

    [Theory]
    [InlineData(-1, 1, 40, -1)]
    [InlineData(4, 1, 40, -1)]
    [InlineData(QrEcc.M, 0, 40, -1)]
    [InlineData(QrEcc.M, 1, 41, -1)]
    [InlineData(QrEcc.M, 7, 6, -1)]
    [InlineData(QrEcc.M, 1, 40, 8)]
    [InlineData(QrEcc.M, 1, 40, -2)]
    public void Out_of_range_options_are_an_invalid_argument(int ecc, int minVersion, int maxVersion, int mask)
    {
        Assert.Equal(QrStatus.Ok, _encoder.EncodeText("OK", QrEcc.L, _code));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeText("HELLO", ecc, true, minVersion, maxVersion, mask, _code));
        Assert.False(_code.IsValid);
    }

    [Fact]
    public void Null_input_and_bad_slices_are_an_invalid_argument_not_an_exception()
    {
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeText(null!, QrEcc.L, _code));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeText("x", QrEcc.L, null!));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeBytes(null!, 0, 0, QrEcc.L, false, 1, 40, -1, _code));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeBytes(new byte[4], 2, 3, QrEcc.L, false, 1, 40, -1, _code));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeBytes(new byte[4], -1, 1, QrEcc.L, false, 1, 40, -1, _code));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeToFit(null!, 64, 1, _code));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeToFit("x", 0, 1, _code));
        Assert.Equal(QrStatus.InvalidArgument, _encoder.EncodeToFit("x", 64, -1, _code));
        // A version range above what this encoder holds cannot be honoured.
        Assert.Equal(QrStatus.InvalidArgument, new QrEncoder(3).EncodeText("x", QrEcc.L, false, 5, 40, -1, _code));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QrEncoder(41));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QrCode(0));
    }

    [Fact]
    public void Fit_to_box_uses_the_largest_scale_then_the_highest_level_that_fits_at_that_scale()
    {
        var gen = from length in Gen.Int[1, 400]
                  from box in Gen.Int[21, 200]
                  from quiet in Gen.Int[0, 4]
                  select (text: new string('k', length), box, quiet);
        Property.Check(gen, c =>
        {
            int status = _encoder.EncodeToFit(c.text, c.box, c.quiet, _code);
            int smallest = Enumerable.Range(1, 40).First(v => QrSpec.Capacity(QrMode.Byte, v, QrEcc.L) >= c.text.Length);
            int bestScale = c.box / (QrSpec.SizeOf(smallest) + 2 * c.quiet);
            if (bestScale == 0)
            {
                Assert.Equal(QrStatus.DoesNotFitBox, status);
                Assert.False(_code.IsValid);
                return;
            }
            Assert.Equal(QrStatus.Ok, status);
            Assert.Equal(bestScale, _code.Scale);
            Assert.True((_code.Size + 2 * c.quiet) * _code.Scale <= c.box);
            // No higher level fits any version that is still drawable at this scale.
            for (int ecc = _code.Ecc + 1; ecc <= QrEcc.H; ecc++)
                for (int v = 1; v <= 40 && (QrSpec.SizeOf(v) + 2 * c.quiet) * bestScale <= c.box; v++)
                    Assert.True(QrSpec.Capacity(QrMode.Byte, v, ecc) < c.text.Length, $"{QrEcc.Name(ecc)} fits v{v}");
            Assert.True(QrSpec.Capacity(QrMode.Byte, _code.Version, _code.Ecc) >= c.text.Length);
        }, iterations: 300, print: c => $"{c.text.Length} bytes box {c.box} quiet {c.quiet}");
    }

    [Fact]
    public void Fit_to_box_reports_too_long_apart_from_does_not_fit()
    {
        var encoder = new QrEncoder(10);
        var code = new QrCode(10);
        Assert.Equal(QrStatus.DataTooLong, encoder.EncodeToFit(new string('a', 272), 1000, 1, code)); // 10-L holds 271
        Assert.False(code.IsValid);
        Assert.Equal(QrStatus.Ok, _encoder.EncodeToFit(new string('a', 321), 64, 1, _code)); // 11-L: 61 + 2 = 63 px
        Assert.Equal((11, 1), (_code.Version, _code.Scale));
        Assert.Equal(QrStatus.DoesNotFitBox, _encoder.EncodeToFit(new string('a', 322), 64, 1, _code)); // 12-L: 65 + 2 > 64
        Assert.False(_code.IsValid);
        Assert.Equal("does not fit box", QrStatus.Describe(QrStatus.DoesNotFitBox));
    }

    [Fact]
    public void A_short_code_on_the_panel_gets_a_bigger_scale_and_the_strongest_level()
    {
        Assert.Equal(QrStatus.Ok, _encoder.EncodeToFit("PAID-42", 64, 1, _code));
        Assert.Equal((1, 2, QrEcc.H), (_code.Version, _code.Scale, _code.Ecc)); // 21 + 2 = 23 modules * 2 = 46 <= 64
    }
}
