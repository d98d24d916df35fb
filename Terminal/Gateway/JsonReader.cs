using Terminal.Text;

namespace Terminal.Gateway
{
    /// <summary>
    /// Reads one JSON object (RFC 8259) from a bounded byte buffer - the gateway's responses. It checks the whole
    /// text once and remembers where each top-level member's value lies; values are then read by key: strings
    /// (with every escape, incl. \uXXXX, and UTF-8 decoded), integers, and arrays of strings. Nested objects are
    /// checked and skipped. Limits (depth, members, array items, string length, digits) make every input end in
    /// bounded time and memory; anything else is an error code, never an exception. Nothing is allocated per
    /// message except by <see cref="GetString"/>.
    /// </summary>
    public sealed class JsonReader
    {
        public const int Ok = 0;
        public const int ErrorMalformed = 1;
        public const int ErrorTooDeep = 2;
        public const int ErrorTooManyMembers = 3;
        public const int ErrorStringTooLong = 4;
        public const int ErrorDuplicateKey = 5;
        public const int ErrorNotAnObject = 6;
        public const int ErrorTextTooLong = 7;

        /// <summary>The longest text Parse takes: its index keeps byte offsets as 16-bit numbers (the protocol's bodies are 2,048 bytes).</summary>
        public const int MaxTextBytes = short.MaxValue;

        public const int KindString = 1;
        public const int KindInteger = 2;
        public const int KindNumber = 3; // fraction or exponent: the protocol has none, so never read as an amount
        public const int KindLiteral = 4; // true, false, null
        public const int KindArray = 5;
        public const int KindObject = 6;

        public const int MaxDepth = 4;
        public const int MaxMembers = 24;
        public const int MaxArrayItems = 32;
        public const int MaxIntegerDigits = 18; // fits a long without overflow checks

        private readonly int _maxStringChars;

        // Where each top-level member lies (key span and value span: byte offsets, strings without their quotes;
        // kind; its array items) and each scalar item of a top-level array (shared by all members), in one table:
        // one array of 16-bit numbers instead of ten int arrays, since on nanoCLR every array and every field costs
        // heap (docs/memory.md).
        // Member m's entries start at m * MemberFields, array item i's at ItemsBase + i * ItemFields.
        private const int KeyStartAt = 0;
        private const int KeyEndAt = 1;
        private const int ValueStartAt = 2;
        private const int ValueEndAt = 3;
        private const int ValueKindAt = 4;
        private const int FirstItemAt = 5;
        private const int ItemCountAt = 6;
        private const int MemberFields = 7;
        private const int ItemStartAt = 0;
        private const int ItemEndAt = 1;
        private const int ItemKindAt = 2;
        private const int ItemFields = 3;
        private const int ItemsBase = MaxMembers * MemberFields;
        private readonly short[] _table = new short[ItemsBase + MaxArrayItems * ItemFields];

        private readonly JsonSpans _spans = new JsonSpans();
        private byte[] _text;
        private int _end;
        private int _pos;
        private int _members;
        private int _items;
        private int _error;
        private int _lastStart;
        private int _lastEnd;

        /// <param name="maxStringChars">Longest string (key or value) accepted, in UTF-16 code units.</param>
        public JsonReader(int maxStringChars)
        {
            _maxStringChars = maxStringChars;
        }

        public int MemberCount { get { return _members; } }

        /// <summary>Checks the text and indexes the members; returns <see cref="Ok"/> or an error code.</summary>
        public int Parse(byte[] text, int offset, int count)
        {
            _text = text;
            _spans.Text = text;
            _pos = offset;
            _end = offset + count;
            _members = 0;
            _items = 0;
            _error = Ok;
            if (offset < 0 || count < 0 || offset > MaxTextBytes - count) return Fail(ErrorTextTooLong);

            SkipWhitespace();
            if (Peek() != '{') return Fail(ErrorNotAnObject);
            if (ReadObject(1, true) == 0) return _error;
            SkipWhitespace();
            if (_pos != _end) return Fail(ErrorMalformed);
            return Ok;
        }

        /// <summary>Index of the member with that key, or -1.</summary>
        public int Find(string key)
        {
            for (int m = 0; m < _members; m++)
            {
                if (_spans.SpanEquals(_table[m * MemberFields + KeyStartAt], _table[m * MemberFields + KeyEndAt], key)) return m;
            }
            return -1;
        }

        public int KindOf(int member) { return member < 0 ? 0 : _table[member * MemberFields + ValueKindAt]; }

        /// <summary>True when the key holds a string equal to the expected text.</summary>
        public bool StringEquals(string key, string expected)
        {
            int m = Find(key);
            return m >= 0 && _table[m * MemberFields + ValueKindAt] == KindString && _spans.SpanEquals(_table[m * MemberFields + ValueStartAt], _table[m * MemberFields + ValueEndAt], expected);
        }

        /// <summary>The key's string value as a new string, or null when absent or not a string.</summary>
        public string GetString(string key)
        {
            int m = Find(key);
            if (m < 0 || _table[m * MemberFields + ValueKindAt] != KindString) return null;
            return NewString(_table[m * MemberFields + ValueStartAt], _table[m * MemberFields + ValueEndAt]);
        }

        /// <summary>Reads an integer member; false when absent, not an integer or out of range.</summary>
        public bool TryGetInteger(string key, out long value)
        {
            value = 0;
            int m = Find(key);
            if (m < 0 || _table[m * MemberFields + ValueKindAt] != KindInteger) return false;
            value = _spans.ParseInteger(_table[m * MemberFields + ValueStartAt], _table[m * MemberFields + ValueEndAt]);
            return true;
        }

        /// <summary>Number of items of an array member (-1 when absent or not an array).</summary>
        public int ArrayLength(string key)
        {
            int m = Find(key);
            if (m < 0 || _table[m * MemberFields + ValueKindAt] != KindArray) return -1;
            return _table[m * MemberFields + ItemCountAt];
        }

        /// <summary>An array member's string item as a new string, or null.</summary>
        public string GetArrayString(string key, int index)
        {
            int item = ArrayItem(key, index, KindString);
            if (item < 0) return null;
            return NewString(_table[ItemsBase + item * ItemFields + ItemStartAt], _table[ItemsBase + item * ItemFields + ItemEndAt]);
        }

        /// <summary>
        /// A checked string span as a new string. Its characters go through an array of exactly their length,
        /// garbage at once, rather than a scratch of the longest string kept for ever: GetString makes a string
        /// anyway (never on the long poll's steady path), and the reader lives as long as the terminal (512 B
        /// less heap on the bench, docs/memory.md).
        /// </summary>
        private string NewString(int start, int end)
        {
            char[] chars = new char[_spans.DecodedLength(start, end)];
            _spans.Decode(start, end, chars);
            return new string(chars);
        }

        /// <summary>Reads an array member's integer item; false when absent, not an integer or out of range.</summary>
        public bool TryGetArrayInteger(string key, int index, out long value)
        {
            value = 0;
            int item = ArrayItem(key, index, KindInteger);
            if (item < 0) return false;
            value = _spans.ParseInteger(_table[ItemsBase + item * ItemFields + ItemStartAt], _table[ItemsBase + item * ItemFields + ItemEndAt]);
            return true;
        }

        /// <summary>True when an array member's item is a string equal to the expected text (nothing allocated).</summary>
        public bool ArrayStringEquals(string key, int index, string expected)
        {
            int item = ArrayItem(key, index, KindString);
            return item >= 0 && _spans.SpanEquals(_table[ItemsBase + item * ItemFields + ItemStartAt], _table[ItemsBase + item * ItemFields + ItemEndAt], expected);
        }

        /// <summary>Index of an array member's item of that kind, or -1.</summary>
        private int ArrayItem(string key, int index, int kind)
        {
            int m = Find(key);
            if (m < 0 || _table[m * MemberFields + ValueKindAt] != KindArray || index < 0 || index >= _table[m * MemberFields + ItemCountAt]) return -1;
            int item = _table[m * MemberFields + FirstItemAt] + index;
            return _table[ItemsBase + item * ItemFields + ItemKindAt] == kind ? item : -1;
        }

        // ---- checking ----

        /// <summary>Reads one value; returns its kind, or 0 with _error set. member >= 0 records array items.</summary>
        private int ReadValue(int depth, int member)
        {
            int c = Peek();
            if (c == '"')
            {
                return ReadString() ? KindString : 0;
            }
            if (c == '-' || (c >= '0' && c <= '9'))
            {
                return ReadNumber();
            }
            if (c == '{' || c == '[')
            {
                if (depth >= MaxDepth) { Fail(ErrorTooDeep); return 0; }
                return c == '{' ? ReadObject(depth + 1, false) : ReadArray(depth + 1, member);
            }
            if (Literal("true") || Literal("false") || Literal("null")) return KindLiteral;
            Fail(ErrorMalformed);
            return 0;
        }

        /// <summary>Reads an object at _pos; the top-level one (record) indexes its members for reading by key.</summary>
        private int ReadObject(int depth, bool record)
        {
            int start = _pos;
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
            }
            else
            {
                while (true)
                {
                    SkipWhitespace();
                    if (Peek() != '"' || !ReadString()) return Fail0(ErrorMalformed);
                    int m = -1;
                    if (record)
                    {
                        if (_members >= MaxMembers) return Fail0(ErrorTooManyMembers);
                        m = _members;
                        // An earlier member whose key decodes to the same text: refused (checked here, not in a
                        // method of its own, at the deepest point of every response's parse; docs/memory.md).
                        for (int earlier = 0; earlier < m; earlier++)
                        {
                            if (_spans.SpansEqual(_table[earlier * MemberFields + KeyStartAt], _table[earlier * MemberFields + KeyEndAt], _lastStart, _lastEnd))
                                return Fail0(ErrorDuplicateKey);
                        }
                        _table[m * MemberFields + KeyStartAt] = (short)_lastStart;
                        _table[m * MemberFields + KeyEndAt] = (short)_lastEnd;
                        _table[m * MemberFields + FirstItemAt] = (short)_items;
                        _table[m * MemberFields + ItemCountAt] = 0;
                    }
                    SkipWhitespace();
                    if (Peek() != ':') return Fail0(ErrorMalformed);
                    _pos++;
                    SkipWhitespace();
                    int kind = ReadValue(depth, m);
                    if (kind == 0) return 0;
                    if (record)
                    {
                        _table[m * MemberFields + ValueKindAt] = (short)kind;
                        _table[m * MemberFields + ValueStartAt] = (short)_lastStart;
                        _table[m * MemberFields + ValueEndAt] = (short)_lastEnd;
                        _members++;
                    }
                    SkipWhitespace();
                    int c = Peek();
                    _pos++;
                    if (c == '}') break;
                    if (c != ',') return Fail0(ErrorMalformed);
                }
            }
            _lastStart = start;
            _lastEnd = _pos;
            return KindObject;
        }

        private int ReadArray(int depth, int member)
        {
            int start = _pos;
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
            }
            else
            {
                while (true)
                {
                    SkipWhitespace();
                    int kind = ReadValue(depth, -1);
                    if (kind == 0) return 0;
                    if (member >= 0)
                    {
                        if (_items >= MaxArrayItems) return Fail0(ErrorTooManyMembers);
                        _table[ItemsBase + _items * ItemFields + ItemStartAt] = (short)_lastStart;
                        _table[ItemsBase + _items * ItemFields + ItemEndAt] = (short)_lastEnd;
                        _table[ItemsBase + _items * ItemFields + ItemKindAt] = (short)kind;
                        _items++;
                        _table[member * MemberFields + ItemCountAt]++;
                    }
                    SkipWhitespace();
                    int c = Peek();
                    _pos++;
                    if (c == ']') break;
                    if (c != ',') return Fail0(ErrorMalformed);
                }
            }
            _lastStart = start;
            _lastEnd = _pos;
            return KindArray;
        }

        /// <summary>Checks a string at _pos (on its opening quote); _lastStart/_lastEnd span its content.</summary>
        private bool ReadString()
        {
            _pos++;
            int start = _pos;
            int units = 0;
            while (true)
            {
                if (_pos >= _end) { Fail(ErrorMalformed); return false; }
                int b = _text[_pos];
                if (b == '"') break;
                if (b < 0x20) { Fail(ErrorMalformed); return false; }
                if (b == '\\')
                {
                    if (_pos + 1 >= _end) { Fail(ErrorMalformed); return false; }
                    int e = _text[_pos + 1];
                    if (e == 'u')
                    {
                        if (_pos + 6 > _end) { Fail(ErrorMalformed); return false; }
                        int escaped = 0;
                        for (int i = 2; i < 6; i++)
                        {
                            int digit = Hex.Value(_text[_pos + i]);
                            if (digit < 0) { Fail(ErrorMalformed); return false; }
                            escaped = (escaped << 4) | digit;
                        }
                        // No protocol text carries U+0000, and nanoFramework's strings end at it: refuse it.
                        if (escaped == 0) { Fail(ErrorMalformed); return false; }
                        _pos += 6;
                    }
                    else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't')
                    {
                        _pos += 2;
                    }
                    else
                    {
                        Fail(ErrorMalformed);
                        return false;
                    }
                }
                else
                {
                    _pos++;
                }
                units++;
                if (units > _maxStringChars) { Fail(ErrorStringTooLong); return false; }
            }
            _lastStart = start;
            _lastEnd = _pos;
            _pos++;
            return true;
        }

        private int ReadNumber()
        {
            int start = _pos;
            if (Peek() == '-') _pos++;
            int digitsStart = _pos;
            if (Peek() == '0')
            {
                _pos++;
            }
            else if (Peek() >= '1' && Peek() <= '9')
            {
                while (Peek() >= '0' && Peek() <= '9') _pos++;
            }
            else
            {
                return Fail0(ErrorMalformed);
            }
            int digits = _pos - digitsStart;
            int kind = KindInteger;
            if (Peek() == '.')
            {
                _pos++;
                if (!(Peek() >= '0' && Peek() <= '9')) return Fail0(ErrorMalformed);
                while (Peek() >= '0' && Peek() <= '9') _pos++;
                kind = KindNumber;
            }
            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!(Peek() >= '0' && Peek() <= '9')) return Fail0(ErrorMalformed);
                while (Peek() >= '0' && Peek() <= '9') _pos++;
                kind = KindNumber;
            }
            if (kind == KindInteger && digits > MaxIntegerDigits) kind = KindNumber;
            if (_pos - start > _maxStringChars) return Fail0(ErrorStringTooLong);
            _lastStart = start;
            _lastEnd = _pos;
            return kind;
        }

        private bool Literal(string word)
        {
            if (_end - _pos < word.Length) return false;
            for (int i = 0; i < word.Length; i++)
            {
                if (_text[_pos + i] != (byte)word[i]) return false;
            }
            _pos += word.Length;
            _lastStart = _pos - word.Length;
            _lastEnd = _pos;
            return true;
        }

        private void SkipWhitespace()
        {
            while (_pos < _end)
            {
                byte b = _text[_pos];
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return;
                _pos++;
            }
        }

        private int Peek()
        {
            return _pos < _end ? _text[_pos] : -1;
        }

        private int Fail(int error)
        {
            if (_error == Ok) _error = error;
            _members = 0;
            return _error;
        }

        private int Fail0(int error)
        {
            Fail(error);
            return 0;
        }
    }
}
