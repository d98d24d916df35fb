using System;

namespace Terminal.Drivers.Keypad
{
    /// <summary>
    /// Which keycap sits at each row and column of the matrix, and which keys repeat while held. The terminal's
    /// own keypad is <see cref="Keycaps"/>; other layouts exist for tests of the scanner.
    /// </summary>
    public sealed class KeypadKeymap
    {
        /// <summary>Rows fit one int bitmask per column.</summary>
        public const int MaxRows = 30;

        private readonly string _layout;
        private readonly string _repeating;

        public readonly int Rows;
        public readonly int Columns;

        /// <param name="layout">rows * columns keycaps, row by row, each keycap once.</param>
        /// <param name="repeatingKeycaps">keycaps that send Repeat while held (may be empty).</param>
        public KeypadKeymap(int rows, int columns, string layout, string repeatingKeycaps)
        {
            if (rows < 1 || rows > MaxRows) throw new ArgumentOutOfRangeException("rows", "rows must be 1 to 30");
            if (columns < 1) throw new ArgumentOutOfRangeException("columns", "columns must be at least 1");
            if (layout == null || layout.Length != rows * columns)
                throw new ArgumentException("layout must hold rows * columns keycaps", "layout");
            for (int i = 0; i < layout.Length; i++)
            {
                if (layout.IndexOf(layout[i]) != i) throw new ArgumentException("keycap '" + layout[i] + "' appears twice", "layout");
            }
            if (repeatingKeycaps == null) repeatingKeycaps = "";
            for (int i = 0; i < repeatingKeycaps.Length; i++)
            {
                if (layout.IndexOf(repeatingKeycaps[i]) < 0)
                    throw new ArgumentException("repeating keycap '" + repeatingKeycaps[i] + "' is not on the keypad", "repeatingKeycaps");
            }
            Rows = rows;
            Columns = columns;
            _layout = layout;
            _repeating = repeatingKeycaps;
        }

        public static KeypadKeymap Standard()
        {
            return new KeypadKeymap(Keycaps.Rows, Keycaps.Columns, Keycaps.Layout, Keycaps.Repeating);
        }

        public char KeycapAt(int row, int column)
        {
            return _layout[row * Columns + column];
        }

        public bool Repeats(char keycap)
        {
            return _repeating.IndexOf(keycap) >= 0;
        }

        /// <summary>The key index (row * Columns + column) of a keycap, or -1 when it is not on the keypad.</summary>
        public int IndexOf(char keycap)
        {
            return _layout.IndexOf(keycap);
        }
    }
}
