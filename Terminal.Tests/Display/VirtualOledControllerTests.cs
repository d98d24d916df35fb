using Xunit;
using Terminal.Drivers.Display;
using Terminal.Simulator.VirtualHardware;

namespace Terminal.Tests.Display;

/// <summary>The virtual controller follows the datasheet's byte stream, so the driver tests mean something.</summary>
public class VirtualOledControllerTests
{
    private static VirtualOledController On(int controller = PanelController.Ssd1306)
    {
        var c = new VirtualOledController(controller);
        c.Write(new byte[] { 0x00, 0xA1, 0xC8, 0xAF }); // upright, on
        return c;
    }

    [Fact]
    public void Horizontal_addressing_fills_the_column_and_page_window_and_wraps_inside_it()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0x20, 0x00, 0x21, 10, 12, 0x22, 2, 3 });
        c.Write(new byte[] { 0x40, 1, 2, 3, 4, 5, 6, 7 }); // 3 columns x 2 pages, then wraps to (10, 2)
        Assert.Equal(7, c.RamByte(10, 2));
        Assert.Equal(2, c.RamByte(11, 2));
        Assert.Equal(3, c.RamByte(12, 2));
        Assert.Equal(4, c.RamByte(10, 3));
        Assert.Equal(6, c.RamByte(12, 3));
        Assert.Equal(0, c.RamByte(13, 2));
        Assert.Equal(0, c.RamByte(9, 2));
    }

    [Fact]
    public void A_windowed_write_at_the_head_and_at_the_tail_reads_back_exactly_and_leaves_the_rest_alone()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0x20, 0x00, 0x21, 0, 3, 0x22, 0, 0 });
        c.Write(new byte[] { 0x40, 0x11, 0x22, 0x33, 0x44 });
        c.Write(new byte[] { 0x00, 0x21, 124, 127, 0x22, 7, 7 });
        c.Write(new byte[] { 0x40, 0xAA, 0xBB, 0xCC, 0xDD });
        byte[] ram = c.VisibleRam();
        Assert.Equal(new byte[] { 0x11, 0x22, 0x33, 0x44 }, ram[..4]);
        Assert.Equal(new byte[] { 0xAA, 0xBB, 0xCC, 0xDD }, ram[^4..]);
        Assert.All(ram[4..^4], b => Assert.Equal(0, b));
        Assert.True(c.GlassPixel(0, 0));   // 0x11 bit 0
        Assert.True(c.GlassPixel(127, 63)); // 0xDD bit 7
    }

    [Fact]
    public void Vertical_addressing_goes_down_the_pages_first()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0x20, 0x01, 0x21, 0, 127, 0x22, 0, 7 });
        c.Write(new byte[] { 0x40, 1, 2, 3, 4, 5, 6, 7, 8, 9 });
        for (int page = 0; page < 8; page++) Assert.Equal(page + 1, c.RamByte(0, page));
        Assert.Equal(9, c.RamByte(1, 0));
    }

    [Fact]
    public void Page_addressing_wraps_the_column_on_the_same_page()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0xB5, 0x0E, 0x17 }); // page 5, column 0x7E
        c.Write(new byte[] { 0x40, 1, 2, 3 });
        Assert.Equal(1, c.RamByte(126, 5));
        Assert.Equal(2, c.RamByte(127, 5));
        Assert.Equal(3, c.RamByte(0, 5));
        Assert.Equal(0, c.RamByte(0, 6));
    }

    [Fact]
    public void Single_command_and_single_data_control_bytes_alternate_in_one_transaction()
    {
        var c = On();
        // 0x80 cmd B3, 0x80 cmd 04 (col low), 0x80 cmd 10, 0xC0 data AA, 0xC0 data 55, then 0x00 stream: A7
        c.Write(new byte[] { 0x80, 0xB3, 0x80, 0x04, 0x80, 0x10, 0xC0, 0xAA, 0xC0, 0x55, 0x00, 0xA7 });
        Assert.Equal(0xAA, c.RamByte(4, 3));
        Assert.Equal(0x55, c.RamByte(5, 3));
        Assert.True(c.Inverted);
    }

    [Fact]
    public void A_parameter_may_follow_in_a_later_single_command_control_byte()
    {
        var c = On();
        c.Write(new byte[] { 0x80, 0x81, 0x80, 0x33 });
        Assert.Equal(0x33, c.Contrast);
    }

    [Fact]
    public void Parameters_of_commands_it_does_not_model_are_skipped_by_their_length()
    {
        var c = On();
        // horizontal scroll setup (26 + 6 params), deactivate scroll (2E), precharge (D9 F1), then contrast
        c.Write(new byte[] { 0x00, 0x26, 0x00, 0xB1, 0x07, 0xB2, 0x00, 0xFF, 0x2E, 0xD9, 0xF1, 0x81, 0x42 });
        Assert.Equal(0x42, c.Contrast);
        Assert.Equal(0, c.StartLine);
        Assert.True(c.DisplayOn);
    }

    [Fact]
    public void Start_line_and_display_offset_shift_the_picture_vertically()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0xB1, 0x00, 0x10 });
        c.Write(new byte[] { 0x40, 0x01 }); // RAM row 8, column 0
        Assert.True(c.GlassPixel(0, 8));
        c.Write(new byte[] { 0x00, 0x44 }); // start line 4
        Assert.True(c.GlassPixel(0, 4));
        Assert.False(c.GlassPixel(0, 8));
        c.Write(new byte[] { 0x00, 0x40, 0xD3, 0x02 });
        Assert.True(c.GlassPixel(0, 6));
    }

    [Fact]
    public void Segment_remap_and_com_direction_mirror_the_glass()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0xB0, 0x00, 0x10 });
        c.Write(new byte[] { 0x40, 0x01 }); // RAM column 0, row 0
        Assert.True(c.GlassPixel(0, 0));
        c.Write(new byte[] { 0x00, 0xA0 });
        Assert.True(c.GlassPixel(127, 0));
        c.Write(new byte[] { 0x00, 0xC0 });
        Assert.True(c.GlassPixel(127, 63));
    }

    [Fact]
    public void Entire_display_on_lights_everything_and_off_shows_nothing()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0xA5 });
        Assert.True(c.GlassPixel(64, 32));
        c.Write(new byte[] { 0x00, 0xA4, 0xAE });
        c.Write(new byte[] { 0x00, 0xA7 });
        Assert.False(c.GlassPixel(64, 32));
    }

    [Fact]
    public void The_bus_counter_counts_the_address_byte_and_every_byte_written()
    {
        var c = new VirtualOledController(PanelController.Ssd1306);
        c.Write(new byte[] { 0x00, 0xAF });
        c.Write(new byte[] { 0x40, 1, 2, 3 });
        Assert.Equal(3 + 5, c.BusBytes);
        Assert.Equal(2, c.Transactions);
        c.FailNextWrites(1);
        Assert.False(c.Write(new byte[] { 0x00, 0xA7 }));
        Assert.False(c.Inverted);
        Assert.Equal(9, c.BusBytes); // a NACKed address byte was still clocked
    }

    [Fact]
    public void The_png_export_is_a_valid_greyscale_image_of_the_glass()
    {
        var c = On();
        c.Write(new byte[] { 0x00, 0xB7, 0x0F, 0x17 });
        c.Write(new byte[] { 0x40, 0x80 }); // pixel (127, 63)
        byte[] png = c.ExportPng(2);
        bool[] lit = PngWriter.ReadMonochrome(png, out int w, out int h);
        Assert.Equal((256, 128), (w, h));
        Assert.True(lit[127 * 256 + 255]);
        Assert.True(lit[126 * 256 + 254]);
        Assert.Equal(4, lit.Count(p => p));
    }
}
