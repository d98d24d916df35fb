using System;
using System.Device.I2c;
using System.IO;

namespace Terminal.Simulator.VirtualHardware
{
    /// <summary>
    /// A .NET IoT I2cDevice whose writes go to a virtual OLED controller, so the real adapter
    /// (Terminal.Drivers.Adapters.I2cPanelBus) and the real driver run unchanged on the host. A refused
    /// transaction throws IOException, as .NET IoT's Linux driver does on NACK.
    /// </summary>
    public sealed class VirtualI2cDevice : I2cDevice
    {
        private readonly VirtualOledController _controller;
        private readonly I2cConnectionSettings _settings;

        public VirtualI2cDevice(VirtualOledController controller, int busId = 1, int address = Terminal.Drivers.Display.PanelController.UsualI2cAddress)
        {
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _settings = new I2cConnectionSettings(busId, address);
        }

        public override I2cConnectionSettings ConnectionSettings => _settings;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!_controller.Write(buffer))
                throw new IOException("Error 6 performing I2C data transfer: address 0x" + _settings.DeviceAddress.ToString("X2") + " not acknowledged (virtual panel).");
        }

        public override void WriteByte(byte value)
        {
            Span<byte> one = stackalloc byte[1];
            one[0] = value;
            Write(one);
        }

        // Write-only in the modules we use: SSD1306/SH1106 over I2C cannot be read (SH1106 status read aside).
        public override void Read(Span<byte> buffer) =>
            throw new IOException("The virtual OLED does not support reads over I2C.");

        public override byte ReadByte() =>
            throw new IOException("The virtual OLED does not support reads over I2C.");

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) =>
            throw new IOException("The virtual OLED does not support reads over I2C.");
    }
}
