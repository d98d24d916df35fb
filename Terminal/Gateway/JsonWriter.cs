using Terminal.Text;

namespace Terminal.Gateway
{
    /// <summary>
    /// Writes one flat JSON object (RFC 8259) of string and integer members into a reusable, bounded byte
    /// buffer - exactly what the terminal's requests need. Output is pure ASCII: quotes, backslashes, control
    /// characters and everything above U+007E are written as escapes, so the signed bytes never depend on an
    /// encoder. Running out of room sets <see cref="Overflowed"/> instead of throwing or growing.
    /// </summary>
    public sealed class JsonWriter
    {

        private readonly byte[] _buffer;
        private readonly byte[] _digits = new byte[20];
        private int _length;
        private bool _overflowed;
        private bool _firstMember;

        public JsonWriter(int capacityBytes)
        {
            _buffer = new byte[capacityBytes];
        }

        public byte[] Buffer { get { return _buffer; } }
        public int Length { get { return _length; } }

        /// <summary>True when something did not fit; the buffer's content is then not a valid message.</summary>
        public bool Overflowed { get { return _overflowed; } }

        public void BeginObject()
        {
            _length = 0;
            _overflowed = false;
            _firstMember = true;
            Put((byte)'{');
        }

        public void EndObject()
        {
            Put((byte)'}');
        }

        public void Member(string key, string value)
        {
            Key(key);
            Quoted(value);
        }

        public void Member(string key, long value)
        {
            Key(key);
            Integer(value);
        }

        private void Key(string key)
        {
            if (!_firstMember) Put((byte)',');
            _firstMember = false;
            Quoted(key);
            Put((byte)':');
        }

        private void Quoted(string text)
        {
            Put((byte)'"');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    Put((byte)'\\');
                    Put((byte)c);
                }
                else if (c < 0x20 || c > 0x7E)
                {
                    Put((byte)'\\');
                    Put((byte)'u');
                    Put((byte)Hex.Digit(c >> 12));
                    Put((byte)Hex.Digit(c >> 8));
                    Put((byte)Hex.Digit(c >> 4));
                    Put((byte)Hex.Digit(c));
                }
                else
                {
                    Put((byte)c);
                }
            }
            Put((byte)'"');
        }

        private void Integer(long value)
        {
            if (value < 0)
            {
                Put((byte)'-');
            }
            // Digits from the lowest; negating long.MinValue overflows, so work on the negative side.
            long rest = value < 0 ? value : -value;
            int count = 0;
            do
            {
                long digit = -(rest % 10);
                _digits[count++] = (byte)('0' + digit);
                rest /= 10;
            } while (rest != 0);
            while (count > 0) Put(_digits[--count]);
        }

        private void Put(byte b)
        {
            if (_length >= _buffer.Length)
            {
                _overflowed = true;
                return;
            }
            _buffer[_length++] = b;
        }
    }
}
