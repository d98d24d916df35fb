using nanoFramework.Hardware.Esp32;
using Terminal.Config;

namespace Terminal.Device
{
    /// <summary>
    /// Routes the ESP32's I2C peripheral to the pins of <see cref="PinMap"/> before the bus is opened; the ESP32 can
    /// put I2C on almost any pin, so nanoFramework needs to be told. ESP32 only (unverified until the first
    /// device build).
    /// </summary>
    public static class Esp32PinRouting
    {
        public static void Apply()
        {
            Configuration.SetPinFunction(PinMap.I2cDataGpio, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(PinMap.I2cClockGpio, DeviceFunction.I2C1_CLOCK);
            Configuration.SetPinFunction(PinMap.BuzzerGpio, DeviceFunction.PWM1); // the piezo's tones (LED PWM controller)
        }
    }
}
