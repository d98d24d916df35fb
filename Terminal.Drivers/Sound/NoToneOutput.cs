namespace Terminal.Drivers.Sound
{
    /// <summary>
    /// The tone output of a terminal whose buzzer pin has no PWM channel (the board refused it): silent, so the
    /// terminal still takes payments; PAID shows on the panel as always.
    /// </summary>
    public sealed class NoToneOutput : IToneOutput
    {
        public void StartTone(int frequencyHz)
        {
        }

        public void StopTone()
        {
        }
    }
}
