namespace Terminal.Drivers.Keypad
{
    /// <summary>
    /// The keypad's hardware: the eight wires of a membrane matrix. Rows are inputs with pull-ups; columns
    /// are high-impedance inputs except the one being scanned, which is driven low. Like Zephyr's
    /// drive_column / read_row, a fake of these calls tests all of the scanning logic.
    /// </summary>
    public interface IKeypadLines
    {
        /// <summary>Drives one column low; every other column stays a high-impedance input.</summary>
        void DriveColumn(int column);

        /// <summary>Returns every column to a high-impedance input, so no two outputs can ever be shorted.</summary>
        void ReleaseColumns();

        /// <summary>The rows that read low (a closed key to the driven column), bit r for row r.</summary>
        int ReadRows();

        /// <summary>Waits for the lines to settle after a column change (about 50 us on the membrane).</summary>
        void WaitSettle(int settleUs);
    }
}
