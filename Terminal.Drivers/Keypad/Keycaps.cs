namespace Terminal.Drivers.Keypad
{
    /// <summary>
    /// The terminal's 4x4 keypad: where each keycap sits and what it means. Row by row:
    /// <c>1 2 3 A / 4 5 6 B / 7 8 9 C / * 0 # D</c>.
    /// </summary>
    public static class Keycaps
    {
        public const string Layout = "123A456B789C*0#D";
        public const int Rows = 4;
        public const int Columns = 4;

        /// <summary>Red: clears the amount, cancels a sale, leaves a technician page.</summary>
        public const char Cancel = 'A';

        /// <summary>Yellow: removes the last digit; the only key that repeats while held.</summary>
        public const char Backspace = 'B';

        /// <summary>Adds "00" to the amount.</summary>
        public const char DoubleZero = 'C';

        /// <summary>Green: submits the amount, acknowledges PAID.</summary>
        public const char Ok = 'D';

        /// <summary>Opens the technician menu (PIN protected) from an empty amount.</summary>
        public const char TechnicianMenu = '*';

        /// <summary>Shows the last transaction from an empty amount.</summary>
        public const char LastTransaction = '#';

        /// <summary>Result pages scroll up and down with the keys above and below 5.</summary>
        public const char ScrollUp = '2';
        public const char ScrollDown = '8';

        /// <summary>Keycaps that send Repeat while held: a held digit or OK must never enter twice.</summary>
        public const string Repeating = "B";

        public static bool IsDigit(char keycap)
        {
            return keycap >= '0' && keycap <= '9';
        }

        /// <summary>A key that adds to an amount: a digit or 00.</summary>
        public static bool IsAmountDigit(char keycap)
        {
            return IsDigit(keycap) || keycap == DoubleZero;
        }
    }
}
