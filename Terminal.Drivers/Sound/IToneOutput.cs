namespace Terminal.Drivers.Sound
{
    /// <summary>
    /// The buzzer's hardware: a square wave on one pin, on or off (a PWM channel at half duty on the ESP32).
    /// Two calls, so a recording fake tests all of the pattern logic.
    /// </summary>
    public interface IToneOutput
    {
        /// <summary>Sounds a square wave of frequencyHz (changing the pitch if a tone already sounds).</summary>
        void StartTone(int frequencyHz);

        /// <summary>Silences the pin (idle low: no current through the transducer's driver).</summary>
        void StopTone();
    }
}
