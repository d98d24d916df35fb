namespace Terminal.Qr
{
    /// <summary>
    /// Scores all eight masks of one symbol fast, with exactly the result of <see cref="QrPenalty.Score"/> on
    /// each masked matrix. Lines are packed into 64-bit words; a mask is a word-wise XOR with its pattern words
    /// (every mask repeats every 12 rows and columns, so a line's pattern words come from a 12-bit tile of
    /// <see cref="QrMaskPattern"/>), and rules N1-N4 become shifts, ANDs and bit counts over up to <see cref="Chunk"/>
    /// modules at once, without a branch per module. Rows are scored one mask at a time (<see cref="ScoreRows"/>,
    /// masked byte by byte from the symbol's bit rows, the mask's format bits drawn in them); columns for all eight
    /// masks at once (<see cref="AddColumnScores"/>): each column is packed once and scored under every mask, so the
    /// scorer keeps one column, not all of them (2 KB less heap at version 11, docs/memory.md). A line holding a dark
    /// run of exactly 6 or of 8+ modules could hold a finder-like pattern scaled by 2 or more; such (rare) lines are
    /// scored by QrPenalty's run-history scan.
    ///
    /// Line layout: bit (Pad + i) of a line is module i; the Pad bits before and all bits after the line are
    /// 0 (light), which is the quiet zone that rule N3 counts as light.
    /// </summary>
    public sealed class QrMaskScorer
    {
        private const int Pad = 8;
        private const int Chunk = 35;       // a 64-bit window serves positions 8..42: 8 bits before, 21 after
        private const int Period = QrMaskPattern.Period;
        private const int MaxChunks = (177 + Chunk - 1) / Chunk;
        private const int NeedsExactScore = -1;

        // The column pattern words of every mask for the columns of one phase (x % 12), [mask * _words + word]: bit
        // (Pad + i) is "mask inverts (row i, this column)". Rows need none: they are masked byte by byte.
        private readonly ulong[] _columnPatterns;

        // The symbol (the builder's bit rows, which also take the format bits drawn per mask) and, for the column
        // pass, one column at a time: its modules, which of them a mask applies to, and the column masked.
        private byte[] _modules;
        private byte[] _dataModules;
        private int _bytesPerRow;
        private readonly ulong[] _column;
        private readonly ulong[] _dataColumn;
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
            _column = new ulong[wordsPerLine];
            _dataColumn = new ulong[wordsPerLine];
            _maskedRows = new ulong[2 * wordsPerLine];
            _maskedColumn = new ulong[wordsPerLine];
            _columnPatterns = new ulong[QrMaskPattern.Count * wordsPerLine];
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
        /// Takes the unmasked symbol: modules (1 = dark) and dataModules (1 = a mask applies here), both
        /// <see cref="QrBitRows"/> of the given side, read in place while scoring.
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
            _modules = modules;
            _dataModules = dataModules;
            _bytesPerRow = QrBitRows.BytesPerRow(size);
        }

        /// <summary>Gathers column x of the symbol into _column, and which of its modules are data into _dataColumn.</summary>
        private void PackColumn(int x)
        {
            byte[] modules = _modules;
            byte[] dataModules = _dataModules;
            int bytesPerRow = _bytesPerRow;
            int shift = x & 7;
            ulong bits = 0;
            ulong dataBits = 0;
            int bit = Pad;
            int w = 0;
            int at = x >> 3;
            for (int i = 0; i < _size; i++, at += bytesPerRow)
            {
                bits |= (ulong)((modules[at] >> shift) & 1) << bit;
                dataBits |= (ulong)((dataModules[at] >> shift) & 1) << bit;
                if (++bit == 64)
                {
                    _column[w] = bits;
                    _dataColumn[w] = dataBits;
                    w++;
                    bits = 0;
                    dataBits = 0;
                    bit = 0;
                }
            }
            for (; w < _words; w++)
            {
                _column[w] = bits;
                _dataColumn[w] = dataBits;
                bits = 0;
                dataBits = 0;
            }
        }

        /// <summary>
        /// The rows' part of the penalty of the loaded symbol with mask applied (rules N1 + N3 on each row, N2, N4),
        /// the mask's format bits drawn in the symbol; <see cref="AddColumnScores"/> adds the columns' part.
        /// </summary>
        public int ScoreRows(int mask)
        {
            int size = _size;
            int words = _words;
            int result = 0;
            int dark = 0;
            int phase = 0;
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
            return result + QrPenalty.BalancePenalty(dark, size * size);
        }

        /// <summary>
        /// Adds to scores[mask], for every mask, rules N1 + N3 on each column of the symbol with that mask applied and
        /// that mask's format bits (ECC level ecc) in place. Each column is packed once and scored under all eight
        /// masks; the columns of one phase (x % 12) share the masks' pattern words.
        /// </summary>
        public void AddColumnScores(int[] scores, int ecc)
        {
            int size = _size;
            int words = _words;
            for (int phase = 0; phase < Period && phase < size; phase++)
            {
                for (int mask = 0; mask < QrMaskPattern.Count; mask++)
                {
                    int columnTile = QrMaskPattern.ColumnTile(mask, phase);
                    for (int w = 0; w < words; w++)
                    {
                        // Bit k of word w is module 64 w + k - Pad; the pad bits' values do not matter (no data there).
                        int offset = ((64 * w - Pad) % Period + Period) % Period;
                        _columnPatterns[mask * words + w] = Repeat(columnTile, offset);
                    }
                }
                for (int x = phase; x < size; x += Period)
                {
                    PackColumn(x);
                    bool holdsFormat = x <= 8 || x >= size - 8;
                    for (int mask = 0; mask < QrMaskPattern.Count; mask++)
                    {
                        int pattern = mask * words;
                        for (int w = 0; w < words; w++) _maskedColumn[w] = _column[w] ^ (_columnPatterns[pattern + w] & _dataColumn[w]);
                        if (holdsFormat) PutFormatBits(x, QrSpec.FormatBits(ecc, mask));
                        int columnScore = LineRunScore(_maskedColumn, 0);
                        if (columnScore == NeedsExactScore)
                        {
                            UnpackLine(_maskedColumn, 0);
                            columnScore = QrPenalty.LineRunPenalty(_line, 0, 1, size, _runHistory);
                        }
                        scores[mask] += columnScore;
                    }
                }
            }
        }

        /// <summary>
        /// Writes a mask's format bits into the masked column x (format modules are function modules: no mask applies
        /// to them). Where they lie is QrMatrixBuilder.DrawFormatBits' layout (7.9.1): column 8 holds bits 0-5, 6 and 7
        /// of the first copy (rows 0-5, 7, 8) and bits 8-14 of the second (rows size-7 to size-1); row 8 holds bit 8 in
        /// column 7, bits 9-14 in columns 5 down to 0, and bits 0-7 of the second copy in columns size-1 down to size-8.
        /// </summary>
        private void PutFormatBits(int x, int bits)
        {
            int size = _size;
            int first;
            int last;
            if (x == 8)
            {
                first = 0;
                last = 14;
            }
            else if (x == 7 || x <= 5 || x >= size - 8)
            {
                first = x == 7 ? 8 : x <= 5 ? 14 - x : size - 1 - x;
                last = first;
            }
            else
            {
                return;
            }
            for (int i = first; i <= last; i++)
            {
                int row = x != 8 ? 8 : i <= 5 ? i : i <= 7 ? i + 1 : size - 15 + i;
                int bit = Pad + row;
                ulong one = 1UL << (bit & 63);
                if (((bits >> i) & 1) != 0) _maskedColumn[bit >> 6] |= one;
                else _maskedColumn[bit >> 6] &= ~one;
            }
        }

        /// <summary>
        /// Rules N1 and N3 on one packed line, or <see cref="NeedsExactScore"/> for a line that could hold a
        /// finder-like pattern scaled by 3 or more (ScoreRows and AddColumnScores then unpack it and call QrPenalty's exact
        /// scan themselves, so
        /// that scan is not one call frame deeper than this one: frames are heap in nanoCLR, docs/memory.md).
        /// </summary>
        private int LineRunScore(ulong[] words, int offset)
        {
            // Few locals, values used once written in place: this is the encode's deepest and largest call frame, and
            // every local is a 24-byte slot of a frame nanoCLR needs in one free piece of its heap (docs/memory.md,
            // "Fragmentation").
            int runScore = 0;
            int patterns = 0;
            for (int c = 0, start = 0; c < _chunks; c++, start += Chunk)
            {
                // Bit k of a is module start - Pad + k; positions k in [Pad, Pad + Chunk) are this chunk's.
                // 64 bits of the line from bit `start` (Window's reading, written out: one call frame less).
                ulong a = (start & 63) == 0 ? words[offset + (start >> 6)]
                    : (words[offset + (start >> 6)] >> (start & 63)) | (words[offset + (start >> 6) + 1] << (64 - (start & 63)));
                ulong light = ~a;

                // N1: a run of L >= 5 has L - 4 positions where 5 modules agree and one start: 3 + (L - 5) = (L - 4) + 2.
                ulong run = ~(a ^ (a >> 1)) & _runValid[c]; // where a module equals the next
                run &= (run >> 1) & (run >> 2) & (run >> 3); // where 5 modules agree
                runScore += PopCount(run & _runSelect[c]) + 2 * PopCount(run & ~(run << 1) & _runSelect[c]);

                // N3 at one module per unit: light, dark, light, dark x3, light, dark, light (exact runs), counted
                // once for 4 light before and once for 4 light after.
                run = (light << 1) & a & (light >> 1) & (a >> 2) & (a >> 3) & (a >> 4) & (light >> 5) & (a >> 6) & (light >> 7) & _runSelect[c];
                if (run != 0)
                {
                    patterns += PopCount(run & (light << 1) & (light << 2) & (light << 3) & (light << 4))
                        + PopCount(run & (light >> 7) & (light >> 8) & (light >> 9) & (light >> 10));
                }

                // N3 at two modules per unit (runs 2:2:6:2:2, exact): needs 8 light on one side and 2 on the other.
                ulong dark6 = a & (a >> 1) & (a >> 2) & (a >> 3) & (a >> 4) & (a >> 5);
                if (dark6 != 0) // long dark runs are the uncommon case (a pattern's 6-run may start past this chunk)
                {
                    run = (light << 1) & a & (a >> 1) & (light >> 2) & (light >> 3) & (dark6 >> 4) & (light >> 10)
                        & (light >> 11) & (a >> 12) & (a >> 13) & (light >> 14) & _runSelect[c];
                    if (run != 0)
                    {
                        // 2 light before and after, then each with 6 more on its side.
                        ulong before2 = (light << 1) & (light << 2);
                        ulong after2 = (light >> 14) & (light >> 15);
                        patterns += PopCount(run & before2 & (light << 3) & (light << 4) & (light << 5) & (light << 6) & (light << 7) & (light << 8) & after2)
                            + PopCount(run & after2 & (light >> 16) & (light >> 17) & (light >> 18) & (light >> 19) & (light >> 20) & (light >> 21) & before2);
                    }
                    // A dark run of 9 or more may be the core of a pattern at 3+ modules per unit: score the line exactly.
                    if ((dark6 & (a >> 6) & (a >> 7) & (a >> 8) & _runSelect[c]) != 0) return NeedsExactScore;
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
