using System;
using System.Device.Pwm;
using Terminal.Drivers.Sound;

namespace Terminal.Drivers.Adapters
{
    /// <summary>
    /// The buzzer's tone output over a <see cref="PwmChannel"/>, in the API subset shared by nanoFramework's
    /// System.Device.Pwm and .NET IoT 4.2.0 (Frequency and DutyCycle setters, Start, Stop). A tone is a square
    /// wave at half duty, the loudest drive for a piezo; a pitch change while sounding only sets Frequency.
    /// The channel is made by the caller: on the ESP32, route the pin to the LED controller first
    /// (Configuration.SetPinFunction(PinMap.BuzzerGpio, DeviceFunction.PWM1)) and then
    /// PwmChannel.CreateFromPin(PinMap.BuzzerGpio, 4000, 0.5); on the host, the simulator's virtual piezo.
    /// </summary>
    public sealed class PwmToneOutput : IToneOutput
    {
        private const double HalfDuty = 0.5;

        private readonly PwmChannel _channel;
        private bool _sounding;

        public PwmToneOutput(PwmChannel channel)
        {
            if (channel == null) throw new ArgumentNullException("channel");
            _channel = channel;
            _channel.DutyCycle = HalfDuty;
        }

        public void StartTone(int frequencyHz)
        {
            if (frequencyHz <= 0) throw new ArgumentOutOfRangeException("frequencyHz", "must be positive");
            if (_channel.Frequency != frequencyHz) _channel.Frequency = frequencyHz;
            if (_sounding) return;
            _channel.Start();
            _sounding = true;
        }

        public void StopTone()
        {
            if (!_sounding) return;
            _channel.Stop();
            _sounding = false;
        }
    }
}
