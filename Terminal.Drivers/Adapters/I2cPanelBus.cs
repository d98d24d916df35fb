using System;
using System.Device.I2c;
using Terminal.Drivers.Display;

namespace Terminal.Drivers.Adapters
{
    /// <summary>
    /// The panel bus over System.Device.I2c, in the API subset shared by nanoFramework and .NET IoT 4.2.0:
    /// I2cDevice.Create(new I2cConnectionSettings(bus, address)) and Write(byte[]) used as a statement.
    /// Write(byte[]) sends the whole array, so a write of a slice copies into an exact-length array kept per
    /// length (allocated on first use only; OledPanel already passes exact-length arrays, which go out as
    /// they are). .NET IoT throws on NACK / bus error, which becomes false. nanoFramework does not throw but
    /// returns a status; its check is the only nanoFramework-specific line.
    /// </summary>
    public sealed class I2cPanelBus : IPanelBus
    {
        /// <summary>The longest write OledPanel makes: the data control byte and one page.</summary>
        private const int LargestSlice = 1 + FrameBuffer.BytesPerPage;

        private readonly I2cDevice _device;
        private readonly byte[][] _exactArrays = new byte[LargestSlice + 1][];

        public I2cPanelBus(I2cDevice device)
        {
            if (device == null) throw new ArgumentNullException("device");
            _device = device;
        }

        public bool Write(byte[] buffer, int offset, int count)
        {
            byte[] exact = buffer;
            if (offset != 0 || count != buffer.Length)
            {
                if (count > LargestSlice) throw new ArgumentOutOfRangeException("count", "longer than one page write");
                exact = _exactArrays[count];
                if (exact == null)
                {
                    exact = new byte[count];
                    _exactArrays[count] = exact;
                }
                Array.Copy(buffer, offset, exact, 0, count);
            }
#if NANOFRAMEWORK || NANOFRAMEWORK_1_0
            // nanoFramework reports failure in the result instead of throwing.
            I2cTransferResult result = _device.Write(exact);
            return result.Status == I2cTransferStatus.FullTransfer;
#else
            try
            {
                _device.Write(exact);
                return true;
            }
            catch (Exception)
            {
                // .NET IoT: IOException on NACK, or any driver error: the panel driver re-initialises.
                return false;
            }
#endif
        }
    }
}
