using Xunit;
using CsCheck;
using Terminal.Drivers.Display;

namespace Terminal.Tests.Display;

public class FrameBufferTests
{
    [Fact]
    public void After_clear_every_pixel_reads_unlit()
    {
        var fb = new FrameBuffer();
        fb.FillRect(0, 0, 128, 64, true);
        fb.Clear();
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 128; x++)
                Assert.False(fb.GetPixel(x, y));
        Assert.All(fb.Bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_pixel_is_byte_x_plus_page_times_128_bit_y_mod_8_as_the_datasheet_says()
    {
        Property.Check(Gen.Int[0, 127].Select(Gen.Int[0, 63]), t =>
        {
            var fb = new FrameBuffer();
            fb.SetPixel(t.Item1, t.Item2, true);
            for (int i = 0; i < FrameBuffer.ByteCount; i++)
            {
                int expected = i == t.Item1 + (t.Item2 / 8) * 128 ? 1 << (t.Item2 & 7) : 0;
                Assert.Equal(expected, fb.Bytes[i]);
            }
        }, 200);
    }

    [Fact]
    public void Drawing_outside_the_panel_is_clipped_and_changes_nothing()
    {
        var fb = new FrameBuffer();
        fb.SetPixel(-1, 0, true);
        fb.SetPixel(128, 5, true);
        fb.SetPixel(3, 64, true);
        fb.FillRect(-20, -20, 10, 10, true);
        fb.DrawColumns(new byte[] { 0xFF, 0xFF }, 0, 2, 1, 127, -8, true);
        Assert.All(fb.Bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_rectangle_lights_exactly_its_pixels_at_any_position()
    {
        var gen = Gen.Int[-10, 130].Select(Gen.Int[-10, 70], Gen.Int[0, 40], Gen.Int[0, 40]);
        Property.Check(gen, t =>
        {
            var (x, y, w, h) = t;
            var fb = new FrameBuffer();
            fb.FillRect(x, y, w, h, true);
            for (int py = 0; py < 64; py++)
                for (int px = 0; px < 128; px++)
                    Assert.Equal(px >= x && px < x + w && py >= y && py < y + h, fb.GetPixel(px, py));
        }, 200);
    }

    [Fact]
    public void Column_bytes_drawn_at_any_y_light_the_same_pixels_as_drawing_them_one_by_one()
    {
        var gen = Gen.Byte.Array[6].Select(Gen.Int[-12, 130], Gen.Int[-20, 70], Gen.Bool);
        Property.Check(gen, t =>
        {
            var (columns, x, y, lit) = t;
            var fast = new FrameBuffer();
            var slow = new FrameBuffer();
            fast.FillRect(0, 0, 128, 64, !lit);
            slow.FillRect(0, 0, 128, 64, !lit);
            fast.DrawColumns(columns, 0, 3, 2, x, y, lit); // 3 columns of 2 pages
            for (int c = 0; c < 3; c++)
                for (int bit = 0; bit < 16; bit++)
                    if ((columns[c * 2 + bit / 8] & (1 << (bit & 7))) != 0) slow.SetPixel(x + c, y + bit, lit);
            Assert.Equal(slow.Bytes, fast.Bytes);
        }, 300);
    }

    [Fact]
    public void Drawing_records_which_pages_it_touched()
    {
        var fb = new FrameBuffer();
        fb.TakeTouchedPages();
        fb.SetPixel(10, 17, true);
        fb.FillRect(0, 60, 4, 2, true);
        Assert.Equal((1 << 2) | (1 << 7), fb.TakeTouchedPages());
        Assert.Equal(0, fb.TouchedPages);
        fb.Clear();
        Assert.Equal(FrameBuffer.AllPages, fb.TouchedPages);
    }

    [Fact]
    public void Inverting_a_rectangle_twice_restores_the_picture()
    {
        var fb = new FrameBuffer();
        fb.FillPages(0x5A, 0x3C);
        var before = (byte[])fb.Bytes.Clone();
        fb.InvertRect(7, 3, 50, 41);
        Assert.NotEqual(before, fb.Bytes);
        fb.InvertRect(7, 3, 50, 41);
        Assert.Equal(before, fb.Bytes);
    }
}
