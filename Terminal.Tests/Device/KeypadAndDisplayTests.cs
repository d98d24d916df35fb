using nanoFramework.TestFramework;
using Terminal.Drivers.Display;
using Terminal.Drivers.Fakes;
using Terminal.Drivers.Keypad;
using Terminal.Drivers.Timing;
using Terminal.Ui;

namespace Terminal.Tests.Device
{
    /// <summary>
    /// The keypad scanner's debounce on in-memory lines with a fake clock, and the frame buffer and the panel
    /// driver's byte streams for both controllers, on the interpreter.
    /// </summary>
    [TestClass]
    public class KeypadAndDisplayTests
    {
        /// <summary>Key '5' (row 1, column 1) bouncing for 4 ms, held 100 ms, released: the events seen, as "5D5U".</summary>
        private static string BouncedKeyEvents()
        {
            FakeClock clock = new FakeClock(0);
            MemoryKeypadLines lines = new MemoryKeypadLines(4);
            MatrixKeypad keypad = new MatrixKeypad(lines, clock, new KeypadTiming(), KeypadKeymap.Standard());
            char[] seen = new char[16];
            int count = 0;
            KeyEvent keyEvent = new KeyEvent();
            for (int ms = 0; ms < 200; ms++)
            {
                bool closed = ms < 4 ? (ms & 1) == 0 : ms < 104;
                lines.SetKey(1, 1, closed);
                keypad.Scan();
                while (keypad.TryReadEvent(keyEvent) && count < seen.Length - 1)
                {
                    seen[count++] = keyEvent.Keycap;
                    seen[count++] = keyEvent.Kind == KeyEventKind.Down ? 'D' : keyEvent.Kind == KeyEventKind.Up ? 'U' : 'R';
                }
                clock.Advance(1);
            }
            return new string(seen, 0, count);
        }

        [TestMethod]
        public void A_bouncing_key_is_one_press_and_one_release()
        {
            Assert.AreEqual("5D5U", BouncedKeyEvents());
        }

        [TestMethod]
        public void The_amount_screen_renders_to_the_reference_frame()
        {
            ScreenModel model = new ScreenModel();
            FrameBuffer frame = new FrameBuffer();
            model.Screen = ScreenId.Amount;
            model.Language = Language.Norwegian;
            model.SetAmount("125,00");
            model.CurrencyCode = "NOK";
            ScreenRenderer.Draw(model, frame);
            Assert.AreEqual(0x008ADC5Du, Known.Fnv1a(frame.Bytes, 0, FrameBuffer.ByteCount));
        }

        [TestMethod]
        public void Frame_buffer_pixels_map_to_page_bytes_and_mark_their_page_touched()
        {
            FrameBuffer frame = new FrameBuffer();
            frame.TakeTouchedPages();
            frame.SetPixel(3, 9, true);
            Assert.AreEqual((byte)0x02, frame.Bytes[FrameBuffer.BytesPerPage + 3]);
            Assert.IsTrue(frame.GetPixel(3, 9));
            Assert.AreEqual(1 << 1, frame.TakeTouchedPages());
        }

        /// <summary>After a blank frame, one lit pixel on page 1: the bytes the controller receives.</summary>
        private static string PageUpdate(int controller, out long totalBytes)
        {
            RecordingBus bus = new RecordingBus();
            OledPanel panel = new OledPanel(bus, controller);
            FrameBuffer frame = new FrameBuffer();
            panel.Flush(frame);
            bus.Count = 0;
            frame.SetPixel(3, 9, true);
            Assert.IsTrue(panel.Flush(frame));
            totalBytes = bus.Count;
            return Known.Hex(bus.Bytes, 0, 14);
        }

        [TestMethod]
        public void One_changed_page_is_sent_alone_at_the_ssd1306_columns()
        {
            long total;
            Assert.AreEqual("00b1001040000000020000000000", PageUpdate(PanelController.Ssd1306, out total));
            Assert.AreEqual(4L + 1 + FrameBuffer.BytesPerPage, total);
        }

        [TestMethod]
        public void The_sh1106_gets_the_same_page_two_columns_in()
        {
            long total;
            Assert.AreEqual("00b1021040000000020000000000", PageUpdate(PanelController.Sh1106, out total));
        }
    }

    /// <summary>A panel bus that keeps what the driver writes (the first 1 KB) and counts it.</summary>
    internal sealed class RecordingBus : IPanelBus
    {
        public readonly byte[] Bytes = new byte[1024];
        public int Count;

        public bool Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (Count < Bytes.Length) Bytes[Count] = buffer[offset + i];
                Count++;
            }
            return true;
        }
    }
}
