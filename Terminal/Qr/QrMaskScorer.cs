namespace Terminal.Qr
{
    /// <summary>
    /// Scores all eight masks of one symbol fast, with exactly the result of <see cref="QrPenalty.Score"/> on
    /// the masked matrix. The unmasked symbol is packed once into 64-bit words, row-wise and column-wise; a
    /// mask is then a word-wise XOR with its pattern words (every mask repeats every 12 rows and columns, so
    /// a line's pattern words come from a 12-bit tile row of <see cref="QrMaskPattern"/>, made once per mask),
    /// and rules N1-N4 become shifts, ANDs and bit counts over up to <see cref="Chunk"/> modules at once,
    /// without a branch per module. A line holding a dark run of exactly 6 or of 8+ modules could hold a
    /// finder-like pattern scaled by 2 or more; such (rare) lines are scored by QrPenalty's run-history scan.
    ///
    /// Line layout: bit (Pad + i) of a line is module i; the Pad bits before and all bits after the line are
    /// 0 (light), which is the quiet zone that rule N3 counts as light.
    /// </summary>
    public sealed class QrMaskScorer
    {
        private const int Pad = 8;
        private const int Chunk = 35;       // a 64-bit window serves positions 8..42: 8 bits before, 21 after
        private const int Period = QrMaskPattern.Period;
        private const int MaxWordsPerLine = (177 - 1) / 64 + 2;
        private const int MaxChunks = (177 + Chunk - 1) / Chunk;
        private const int NeedsExactScore = -1;

        // The current mask's column pattern, [phase * _words + word]: bit (Pad + i) is "mask inverts (row i,
        // column = phase)". Rows need none: they are masked byte by byte from the symbol's bit rows.
        private readonly ulong[] _columnPatterns;

        // Rows are read from the symbol's bit rows (the builder's, which also take the format bits drawn per
        // mask); only the columns are packed here, since a bit row holds a row, not a column.
        private byte[] _modules;
        private byte[] _dataModules;
        private int _bytesPerRow;
        private readonly ulong[] _columns;
        private readonly ulong[] _dataColumns;
        private readonly ulong[] _maskedRows;   // two lines: the row being scored and the one above it (rule N2)
        private readonly ulong[] _maskedColumn;
        private readonly byte[] _line;
        private readonly int[] _runHistory = new int[QrPenalty.RunHistoryLength];
        private readonly ulong[] _runSelect = new ulong[MaxChunks];   // per chunk: its positions inside the line
        private readonly ulong[] _runValid = new ulong[MaxChunks];    // per chunk: module and right neighbour inside
        private readonly ulong[] _blockSelect = new ulong[MaxChunks]; // per chunk: 2x2 block's right column inside
        private int _size;
        private int _words;
        private int _usedWords;
        private int _chunks;

        public QrMaskScorer(int maxVersion)
        {
            int side = QrSpec.SizeOf(maxVersion);
            int wordsPerLine = WordsPerLine(side);
            int words = side * wordsPerLine;
            _columns = new ulong[words];
            _dataColumns = new ulong[words];
            _maskedRows = new ulong[2 * wordsPerLine];
            _maskedColumn = new ulong[wordsPerLine];
            _columnPatterns = new ulong[Period * wordsPerLine];
            _line = new byte[side];
        }

        private static int WordsPerLine(int size)
        {
            // The line's bits, and the word after the one holding the last chunk's start (Window() reads two).
            int used = (Pad + size + 63) / 64;
            int read = (size - 1) / 64 + 2;
            return used > read ? used : read;
        }

        /// <summary>
        /// Packs the unmasked symbol: modules (1 = dark) and dataModules (1 = a mask applies here), both
        /// <see cref="QrBitRows"/> of the given side.
        /// </summary>
        public void Load(byte[] modules, byte[] dataModules, int size)
        {
            _size = size;
            _words = WordsPerLine(size);
            _usedWords = (Pad + size + 63) / 64;
            _chunks = (size + Chunk - 1) / Chunk;
            for (int c = 0, start = 0; c < _chunks; c++, start += Chunk)
            {
                _runSelect[c] = Range(Pad, Min(Pad + Chunk, size - start + Pad));
                _runValid[c] = Range(Max(0, Pad - start), Min(64, size - start + Pad - 1));
                _blockSelect[c] = Range(Pad, Min(Pad + Chunk, size - start + Pad - 1));
            }
            int bytesPerRow = QrBitRows.BytesPerRow(size);
            _modules = modules;
            _dataModules = dataModules;
            _bytesPerRow = bytesPerRow;
            for (int x = 0; x < size; x++) PackColumn(modules, dataModules, x, bytesPerRow, size, x * _words);
        }

        /// <summary>Gathers column x into `_words` words at line, padding words included.</summary>
        private void PackColumn(byte[] modules, byte[] dataModules, int x, int bytesPerRow, int size, int line)
        {
            ulong[] dest = _columns;
            ulong[] dataDest = _dataColumns;
            int words = _words;
            int shift = x & 7;
            ulong bits = 0;
            ulong dataBits = 0;
            int bit = Pad;
            int w = line;
            int at = x >> 3;
            for (int i = 0; i < size; i++, at += bytesPerRow)
            {
                bits |= (ulong)((modules[at] >> shift) & 1) << bit;
                dataBits |= (ulong)((dataModules[at] >> shift) & 1) << bit;
                if (++bit == 64)
                {
                    dest[w] = bits;
                    dataDest[w] = dataBits;
                    w++;
                    bits = 0;
                    dataBits = 0;
                    bit = 0;
                }
            }
            for (; w < line + words; w++)
            {
                dest[w] = bits;
                dataDest[w] = dataBits;
                bits = 0;
                dataBits = 0;
            }
        }

        /// <summary>Changes one function module (the format bits differ per mask).</summary>
        public void SetModule(int x, int y, bool dark)
        {
            int columnBit = Pad + y;
            int at = x * _words + (columnBit >> 6);
            if (dark) _columns[at] |= 1UL << (columnBit & 63);
            else _columns[at] &= ~(1UL << (columnBit & 63));
        }

        /// <summary>The penalty of the loaded symbol with mask applied (rules N1 + N2 + N3 + N4).</summary>
        public int Score(int mask)
        {
            int size = _size;
            int words = _words;
            int result = 0;
            int dark = 0;
            int phase = 0;
            MakePatterns(mask);
            for (int y = 0; y < size; y++)
            {
                int masked = (y & 1) * words; // rows alternate between the two slots
                MaskRow(y, QrMaskPattern.RowBytes(mask, phase), masked);
                for (int w = 0; w < _usedWords; w++) dark += PopCount(_maskedRows[masked + w]);
                int rowScore = LineRunScore(_maskedRows, masked);
                if (rowScore == NeedsExactScore)
                {
                    UnpackLine(_maskedRows, masked);
                    rowScore = QrPenalty.LineRunPenalty(_line, 0, 1, size, _runHistory);
                }
                result += rowScore;
                if (y > 0) result += BlockScore(_maskedRows, words - masked, masked);
                if (++phase == Period) phase = 0;
            }
            phase = 0;
            for (int x = 0, line = 0; x < size; x++, line += words)
            {
                int pattern = phase * words;
                for (int w = 0; w < words; w++) _maskedColumn[w] = _columns[line + w] ^ (_columnPatterns[pattern + w] & _dataColumns[line + w]);
                int columnScore = LineRunScore(_maskedColumn, 0);
                if (columnScore == NeedsExactScore)
                {
                    UnpackLine(_maskedColumn, 0);
                    columnScore = QrPenalty.LineRunPenalty(_line, 0, 1, size, _runHistory);
                }
                result += columnScore;
                if (++phase == Period) phase = 0;
            }
            return result + QrPenalty.BalancePenalty(dark, size * size);
        }

        /// <summary>
        /// Rules N1 and N3 on one packed line, or <see cref="NeedsExactScore"/> for a line that could hold a
        /// finder-like pattern scaled by 3 or more (Score then unpacks it and calls QrPenalty's exact scan itself, so
        /// that scan is not one call frame deeper than this one: frames are heap in nanoCLR, docs/memory.md).
        /// </summary>
        private int LineRunScore(ulong[] words, int offset)
        {
            int runScore = 0;
            int patterns = 0;
            for (int c = 0, start = 0; c < _chunks; c++, start += Chunk)
            {
                // Bit k of a is module start - Pad + k; positions k in [Pad, Pad + Chunk) are this chunk's.
                ulong a = Window(words, offset, start);
                ulong light = ~a;
                ulong select = _runSelect[c];
                ulong valid = _runValid[c];

                // N1: a run of L >= 5 has L - 4 positions where 5 modules agree and one start: 3 + (L - 5) = (L - 4) + 2.
                ulong same = ~(a ^ (a >> 1)) & valid;
                ulong same5 = same & (same >> 1) & (same >> 2) & (same >> 3);
                runScore += PopCount(same5 & select) + 2 * PopCount(same5 & ~(same5 << 1) & select);

                // N3 at one module per unit: light, dark, light, dark x3, light, dark, light (exact runs), counted
                // once for 4 light before and once for 4 light after.
                ulong core = (light << 1) & a & (light >> 1) & (a >> 2) & (a >> 3) & (a >> 4) & (light >> 5) & (a >> 6) & (light >> 7) & select;
                if (core != 0)
                {
                    ulong lightBefore = (light << 1) & (light << 2) & (light << 3) & (light << 4);
                    ulong lightAfter = (light >> 7) & (light >> 8) & (light >> 9) & (light >> 10);
                    patterns += PopCount(core & lightBefore) + PopCount(core & lightAfter);
                }

                // N3 at two modules per unit (runs 2:2:6:2:2, exact): needs 8 light on one side and 2 on the other.
                ulong dark6 = a & (a >> 1) & (a >> 2) & (a >> 3) & (a >> 4) & (a >> 5);
                if (dark6 != 0) // long dark runs are the uncommon case (a pattern's 6-run may start past this chunk)
                {
                    ulong core2 = (light << 1) & a & (a >> 1) & (light >> 2) & (light >> 3) & (dark6 >> 4) & (light >> 10)
                        & (light >> 11) & (a >> 12) & (a >> 13) & (light >> 14) & select;
                    if (core2 != 0)
                    {
                        ulong before2 = (light << 1) & (light << 2);
                        ulong before8 = before2 & (light << 3) & (light << 4) & (light << 5) & (light << 6) & (light << 7) & (light << 8);
                        ulong after2 = (light >> 14) & (light >> 15);
                        ulong after8 = after2 & (light >> 16) & (light >> 17) & (light >> 18) & (light >> 19) & (light >> 20) & (light >> 21);
                        patterns += PopCount(core2 & before8 & after2) + PopCount(core2 & after8 & before2);
                    }
                    // A dark run of 9 or more may be the core of a pattern at 3+ modules per unit: score the line exactly.
                    if ((dark6 & (a >> 6) & (a >> 7) & (a >> 8) & select) != 0) return NeedsExactScore;
                }
            }
            return runScore + patterns * QrPenalty.N3;
        }

        /// <summary>Rule N2 for the 2x2 blocks whose top-left module is in the upper of two packed rows.</summary>
        private int BlockScore(ulong[] words, int upper, int lower)
        {
            int blocks = 0;
            for (int c = 0, start = 0; c < _chunks; c++, start += Chunk)
            {
                ulong a = Window(words, upper, start);
                ulong b = Window(words, lower, start);
                ulong select = _blockSelect[c];
                ulong vertical = ~(a ^ b);
                blocks += PopCount(vertical & (vertical >> 1) & ~(a ^ (a >> 1)) & select);
            }
            return blocks * QrPenalty.N2;
        }

        /// <summary>One packed line into _line, a byte per module, for QrPenalty's exact scan.</summary>
        private void UnpackLine(ulong[] words, int offset)
        {
            for (int i = 0; i < _size; i++)
            {
                int bit = Pad + i;
                _line[i] = (byte)((words[offset + (bit >> 6)] >> (bit & 63)) & 1);
            }
        }

        /// <summary>64 bits of a line starting at bit `bit`.</summary>
        private static ulong Window(ulong[] words, int offset, int bit)
        {
            int w = offset + (bit >> 6);
            int shift = bit & 63;
            if (shift == 0) return words[w];
            return (words[w] >> shift) | (words[w + 1] << (64 - shift));
        }

        /// <summary>Bits lo..hi-1 set (0 &lt;= lo &lt;= hi &lt;= 64).</summary>
        private static ulong Range(int lo, int hi)
        {
            if (hi <= lo) return 0;
            ulong upTo = hi == 64 ? ulong.MaxValue : (1UL << hi) - 1;
            return upTo & ~((1UL << lo) - 1);
        }

        /// <summary>
        /// Set bits of a word: the CPU instruction on .NET hosts, SWAR on the device (its mscorlib has no
        /// BitOperations; the gate and device builds do not define NET5_0_OR_GREATER).
        /// </summary>
        private static int PopCount(ulong x)
        {
#if NET5_0_OR_GREATER && !NANOFRAMEWORK
            return System.Numerics.BitOperations.PopCount(x);
#else
            x -= (x >> 1) & 0x5555555555555555UL;
            x = (x & 0x3333333333333333UL) + ((x >> 2) & 0x3333333333333333UL);
            x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FUL;
            return (int)((x * 0x0101010101010101UL) >> 56);
#endif
        }

        /// <summary>Row y of the symbol with the mask applied to its data modules, packed into _maskedRows at slot.</summary>
        private void MaskRow(int y, int pattern, int slot)
        {
            for (int w = 0; w < _words; w++) _maskedRows[slot + w] = 0;
            for (int b = 0, at = y * _bytesPerRow, shift = 0; b < _bytesPerRow; b++, at++)
            {
                int masked = _modules[at] ^ ((pattern >> shift) & _dataModules[at]);
                int bit = Pad + 8 * b; // a byte never straddles two words (Pad is a multiple of 8)
                _maskedRows[slot + (bit >> 6)] |= (ulong)masked << (bit & 63);
                shift += 8;
                if (shift == 24) shift = 0;
            }
        }

        /// <summary>The column pattern words of one mask for every phase, from its 12-bit tile rows.</summary>
        private void MakePatterns(int mask)
        {
            int words = _words;
            for (int phase = 0; phase < Period; phase++)
            {
                int columnTile = QrMaskPattern.ColumnTile(mask, phase);
                for (int w = 0; w < words; w++)
                {
                    // Bit k of word w is module 64 w + k - Pad; the pad bits' values do not matter (no data there).
                    int offset = ((64 * w - Pad) % Period + Period) % Period;
                    _columnPatterns[phase * words + w] = Repeat(columnTile, offset);
                }
            }
        }

        /// <summary>64 bits whose bit k is bit (offset + k) % 12 of a 12-bit tile.</summary>
        private static ulong Repeat(int tile, int offset)
        {
            ulong bits = (ulong)(((tile >> offset) | (tile << (Period - offset))) & 0xFFF);
            bits |= bits << 12;
            bits |= bits << 24;
            bits |= bits << 48;
            return bits;
        }

        private static int Min(int a, int b) { return a < b ? a : b; }
        private static int Max(int a, int b) { return a > b ? a : b; }
    }
}
