namespace Terminal.Drivers.Network
{
    /// <summary>
    /// A fixed set of header names with reusable character buffers for their values, so signing and checking
    /// headers allocates nothing. A slot whose length is -1 has no value (not sent, or not received).
    /// Header values are ASCII (the gateway protocol's are digits, hex and ids).
    /// </summary>
    public sealed class HttpHeaderBlock
    {
        private readonly string[] _names;
        private readonly char[][] _values;
        private readonly int[] _lengths;

        /// <summary>Every slot holds up to maxValueChars characters.</summary>
        public HttpHeaderBlock(string[] names, int maxValueChars)
        {
            _names = names;
            _values = new char[names.Length][];
            _lengths = new int[names.Length];
            for (int i = 0; i < names.Length; i++) _values[i] = new char[maxValueChars];
            Clear();
        }

        /// <summary>
        /// Slot i holds up to maxValueChars[i] characters: each header gets the room its value can need (a
        /// timestamp 19 digits, a nonce 16 hex characters), not the longest header's.
        /// </summary>
        public HttpHeaderBlock(string[] names, int[] maxValueChars)
        {
            _names = names;
            _values = new char[names.Length][];
            _lengths = new int[names.Length];
            for (int i = 0; i < names.Length; i++) _values[i] = new char[maxValueChars[i]];
            Clear();
        }

        public int Count { get { return _names.Length; } }
        public int MaxValueChars(int slot) { return _values[slot].Length; }

        public string Name(int slot) { return _names[slot]; }
        public char[] Value(int slot) { return _values[slot]; }

        /// <summary>Characters in the slot's value, or -1 when it has none.</summary>
        public int ValueLength(int slot) { return _lengths[slot]; }

        public void Clear()
        {
            for (int i = 0; i < _lengths.Length; i++) _lengths[i] = -1;
        }

        /// <summary>Marks that the first <paramref name="length"/> chars of Value(slot) hold the value.</summary>
        public void SetLength(int slot, int length)
        {
            _lengths[slot] = length;
        }

        /// <summary>Copies a value in; false (and no value) when it is longer than the slot.</summary>
        public bool Set(int slot, string value)
        {
            if (value == null || value.Length > _values[slot].Length)
            {
                _lengths[slot] = -1;
                return false;
            }
            char[] dest = _values[slot];
            for (int i = 0; i < value.Length; i++) dest[i] = value[i];
            _lengths[slot] = value.Length;
            return true;
        }

        /// <summary>The slot for a header name (ASCII case-insensitive, as HTTP header names are), or -1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < _names.Length; i++)
            {
                if (EqualsIgnoreCase(_names[i], name)) return i;
            }
            return -1;
        }

        /// <summary>The value as a new string (adapters and diagnostics), or null when absent.</summary>
        public string ValueText(int slot)
        {
            return _lengths[slot] < 0 ? null : new string(_values[slot], 0, _lengths[slot]);
        }

        private static bool EqualsIgnoreCase(string a, string b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                char x = a[i];
                char y = b[i];
                if (x >= 'A' && x <= 'Z') x = (char)(x + 32);
                if (y >= 'A' && y <= 'Z') y = (char)(y + 32);
                if (x != y) return false;
            }
            return true;
        }
    }
}
