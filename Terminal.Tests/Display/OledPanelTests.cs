using Xunit;
using CsCheck;
using Terminal.Drivers.Adapters;
using Terminal.Drivers.Display;
using Terminal.Simulator.VirtualHardware;

namespace Terminal.Tests.Display;

public class OledPanelTests
{
    // The 128x64 sequence of Adafruit_SSD1306, u8g2 and nanoFramework's Ssd13xx (reference/oled-keypad.md),
    // with the one documented change: 20 02 (page addressing) instead of 20 00.
    private static readonly byte[] Ssd1306ReferenceInit =
    {
        0xAE, 0xD5, 0x80, 0xA8, 0x3F, 0xD3, 0x00, 0x40, 0x8D, 0x14, 0x20, 0x02, 0xA1, 0xC8,
        0xDA, 0x12, 0x81, 0xCF, 0xD9, 0xF1, 0xDB, 0x40, 0x2E, 0xA4, 0xA6, 0xAF,
    };

    public static TheoryData<int> Controllers => new() { PanelController.Ssd1306, PanelController.Sh1106 };

    [Fact]
    public void The_first_flush_sends_the_reference_init_sequence_then_all_eight_pages()
    {
        var rig = new DisplayRig();
        rig.Flush();
        byte[] commands = rig.Controller.CommandLog.ToArray();
        Assert.Equal(Ssd1306ReferenceInit, commands.Take(Ssd1306ReferenceInit.Length).ToArray());
        var expectedPages = new List<byte>();
        for (int p = 0; p < 8; p++) expectedPages.AddRange(new byte[] { (byte)(0xB0 + p), 0x00, 0x10 });
        Assert.Equal(expectedPages.ToArray(), commands.Skip(Ssd1306ReferenceInit.Length).ToArray());
        Assert.Equal(1 + 8 * 2, rig.Controller.Transactions);
        Assert.True(rig.Controller.DisplayOn);
        Assert.True(rig.Controller.ChargePumpOn);
        Assert.Equal(0xCF, rig.Controller.Contrast);
        Assert.Equal(VirtualOledController.AddressingPage, rig.Controller.AddressingMode);
    }

    [Fact]
    public void The_sh1106_init_uses_its_own_dc_dc_command_and_no_ssd1306_only_commands()
    {
        var rig = new DisplayRig(PanelController.Sh1106);
        rig.Flush();
        byte[] init = new byte[32];
        int n = rig.Panel.CopyInitSequence(init, 0);
        byte[] commands = init.Skip(1).Take(n - 1).ToArray();
        Assert.Contains((byte)0xAD, commands);
        Assert.DoesNotContain((byte)0x8D, commands);
        Assert.DoesNotContain((byte)0x20, commands);
        Assert.True(rig.Controller.DisplayOn);
        Assert.True(rig.Controller.SegmentRemap);
        Assert.True(rig.Controller.ComScanReversed);
    }

    [Theory]
    [MemberData(nameof(Controllers))]
    public void Any_frame_flushed_shows_on_the_glass_pixel_for_pixel(int controller)
    {
        var rig = new DisplayRig(controller);
        Property.Check(Gen.Byte.Array[FrameBuffer.ByteCount], bytes =>
        {
            rig.Frame.CopyFrom(bytes, 0);
            rig.Flush();
            Assert.Equal(bytes, rig.Controller.VisibleRam());
            Assert.Equal(DisplayRig.Pixels(rig.Frame), rig.Glass());
        }, 20);
    }

    [Fact]
    public void The_sh1106_writes_the_visible_columns_2_to_129_and_leaves_the_hidden_ones_alone()
    {
        var rig = new DisplayRig(PanelController.Sh1106);
        rig.Frame.FillRect(0, 0, 128, 64, true);
        rig.Flush();
        for (int page = 0; page < 8; page++)
        {
            Assert.Equal(0, rig.Controller.RamByte(0, page));
            Assert.Equal(0, rig.Controller.RamByte(1, page));
            Assert.Equal(0xFF, rig.Controller.RamByte(2, page));
            Assert.Equal(0xFF, rig.Controller.RamByte(129, page));
            Assert.Equal(0, rig.Controller.RamByte(130, page));
            Assert.Equal(0, rig.Controller.RamByte(131, page));
        }
    }

    [Theory]
    [MemberData(nameof(Controllers))]
    public void A_change_at_the_head_and_at_the_tail_sends_only_those_pages_and_leaves_the_rest_alone(int controller)
    {
        var rig = new DisplayRig(controller);
        rig.Frame.FillPages(0x5A, 0xA5);
        rig.Flush();
        byte[] before = rig.Controller.VisibleRam();
        rig.Frame.SetPixel(0, 0, false);     // head: page 0, column 0 (0x5A has bit 0 clear: set it instead)
        rig.Frame.SetPixel(0, 0, true);
        rig.Frame.SetPixel(127, 63, false);  // tail: page 7, column 127 (0xA5 has bit 7 set)
        long bytes = rig.Flush();
        Assert.Equal(2, rig.Panel.PagesSentLastFlush);
        Assert.Equal(2 * (1 + 4 + 1 + 129), bytes);
        byte[] after = rig.Controller.VisibleRam();
        Assert.Equal(rig.Frame.Bytes, after);
        for (int i = 0; i < after.Length; i++)
        {
            if (i == 0 || i == 1023) continue;
            Assert.Equal(before[i], after[i]);
        }
        Assert.Equal(0x5B, after[0]);
        Assert.Equal(0x25, after[1023]);
    }

    [Fact]
    public void Redrawing_an_unchanged_frame_sends_nothing()
    {
        var rig = new DisplayRig();
        rig.Frame.FillRect(10, 10, 50, 30, true);
        rig.Flush();
        rig.Frame.Clear();
        rig.Frame.FillRect(10, 10, 50, 30, true);
        Assert.Equal(0, rig.Flush());
    }

    [Theory]
    [MemberData(nameof(Controllers))]
    public void A_bus_failure_mid_flush_is_reported_and_the_next_flush_reinitialises_and_sends_everything(int controller)
    {
        var rig = new DisplayRig(controller);
        rig.Frame.FillPages(0x11, 0x22);
        rig.Flush();
        rig.Frame.FillPages(0x33, 0x44);
        rig.Controller.FailNextWrites(1, afterTransactions: 5); // page 0, 1 ok, page 2's data write NACKed
        Assert.False(rig.Panel.Flush(rig.Frame));
        Assert.Equal(1, rig.Panel.FailedWrites);
        Assert.True(rig.Panel.NeedsInit);
        Assert.NotEqual(rig.Frame.Bytes, rig.Controller.VisibleRam());

        // Someone power-cycled the panel meanwhile: its RAM is garbage. The retry must not trust any page.
        rig.Controller.ResetCounters();
        int initsBefore = rig.Panel.InitCount;
        Assert.True(rig.Panel.Flush(rig.Frame));
        Assert.Equal(initsBefore + 1, rig.Panel.InitCount);
        Assert.Equal(8, rig.Panel.PagesSentLastFlush);
        Assert.Equal(Ssd1306ReferenceInit[0], rig.Controller.CommandLog.ToArray()[0]);
        Assert.Equal(rig.Frame.Bytes, rig.Controller.VisibleRam());
        Assert.Equal(DisplayRig.Pixels(rig.Frame), rig.Glass());
    }

    [Fact]
    public void An_unplugged_panel_gives_false_not_an_exception_and_the_frame_survives_until_it_is_back()
    {
        var rig = new DisplayRig();
        rig.Controller.NackAll = true;
        rig.Frame.FillRect(0, 0, 64, 64, true);
        byte[] frame = (byte[])rig.Frame.Bytes.Clone();
        Assert.False(rig.Panel.Flush(rig.Frame));
        Assert.False(rig.Panel.Flush(rig.Frame));
        Assert.True(rig.Panel.SetContrast(0x10)); // kept for the re-init
        Assert.Equal(frame, rig.Frame.Bytes);
        rig.Controller.NackAll = false;
        Assert.True(rig.Panel.Flush(rig.Frame));
        Assert.Equal(frame, rig.Controller.VisibleRam());
        Assert.Equal(0x10, rig.Controller.Contrast); // settings asked for while unplugged are restored by the re-init
    }

    [Fact]
    public void Contrast_invert_and_sleep_reach_the_controller_without_resending_pixels()
    {
        var rig = new DisplayRig();
        rig.Frame.SetPixel(5, 5, true);
        rig.Flush();
        long data = rig.Controller.DataBytes;
        Assert.True(rig.Panel.SetContrast(0x20));
        Assert.Equal(0x20, rig.Controller.Contrast);
        Assert.True(rig.Panel.SetInverted(true));
        Assert.True(rig.Controller.GlassPixel(0, 0));
        Assert.False(rig.Controller.GlassPixel(5, 5));
        Assert.True(rig.Panel.SetDisplayOn(false));
        Assert.False(rig.Controller.GlassPixel(0, 0));
        Assert.False(rig.Controller.GlassPixel(5, 5));
        Assert.True(rig.Panel.SetDisplayOn(true));
        Assert.True(rig.Panel.SetInverted(false));
        Assert.True(rig.Controller.GlassPixel(5, 5));
        Assert.Equal(data, rig.Controller.DataBytes);
    }

    [Fact]
    public void Bad_arguments_get_clear_errors()
    {
        Assert.Throws<ArgumentNullException>(() => new OledPanel(null!, PanelController.Ssd1306));
        var bus = new Terminal.Diagnostics.RecordingPanelBus(0);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new OledPanel(bus, 7));
        Assert.Contains("controller", e.Message);
        Assert.Throws<ArgumentNullException>(() => new I2cPanelBus(null!));
        var adapter = new I2cPanelBus(new VirtualI2cDevice(new VirtualOledController(PanelController.Ssd1306)));
        Assert.Throws<ArgumentOutOfRangeException>(() => adapter.Write(new byte[300], 1, 200));
    }

    [Fact]
    public void The_adapter_sends_a_slice_as_one_transaction_of_exactly_its_bytes()
    {
        var controller = new VirtualOledController(PanelController.Ssd1306);
        var adapter = new I2cPanelBus(new VirtualI2cDevice(controller));
        byte[] buffer = { 0xFF, 0x00, 0xA7, 0xFF };
        Assert.True(adapter.Write(buffer, 1, 2));
        Assert.True(controller.Inverted);
        Assert.Equal(1, controller.Transactions);
        Assert.Equal(3, controller.BusBytes);
        controller.NackAll = true;
        Assert.False(adapter.Write(buffer, 1, 2));
    }
}
