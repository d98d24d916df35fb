namespace Terminal.Qr
{
    /// <summary>
    /// Builds the module matrix of a symbol from its final codeword sequence, step by step as ISO/IEC 18004
    /// 7.7 - 7.10 describe: function patterns, codeword placement, masking (chosen by penalty or forced),
    /// format and version information. Owns its scratch (sized for a maximum version) and allocates nothing.
    /// </summary>
    public sealed class QrMatrixBuilder
    {
        private readonly int _maxVersion;
        private readonly byte[] _dataModules; // bit rows: 1 where a module carries data (is not part of a function pattern)
        private readonly int[] _alignmentPositions = new int[QrSpec.MaxAlignmentPositions];
        private readonly int[] _maskScores = new int[QrMaskPattern.Count];
        private readonly QrMaskScorer _scorer;
        private byte[] _modules;
        private int _size;
        private int _bytesPerRow;

        public QrMatrixBuilder(int maxVersion)
        {
            if (maxVersion < QrSpec.MinVersion || maxVersion > QrSpec.MaxVersion) throw new System.ArgumentOutOfRangeException("maxVersion");
            _maxVersion = maxVersion;
            _dataModules = QrBitRows.Allocate(QrSpec.SizeOf(maxVersion));
            _scorer = new QrMaskScorer(maxVersion);
        }

        /// <summary>
        /// Copies the penalty of each mask 0-7 from the last build that chose its mask (rule scores as
        /// <see cref="QrPenalty.Score"/> defines them) into dest[0..8).
        /// </summary>
        public void CopyMaskScores(int[] dest)
        {
            System.Array.Copy(_maskScores, 0, dest, 0, QrMaskPattern.Count);
        }

        /// <summary>
        /// Draws the symbol into output. mask: 0-7 to force one, -1 to choose the lowest penalty (the first
        /// lowest, trying 0 to 7 in order).
        /// </summary>
        public void Build(int version, int ecc, int mode, byte[] codewords, int codewordCount, int mask, QrCode output)
        {
            if (version > _maxVersion || version > output.MaxVersion) throw new System.ArgumentOutOfRangeException("version");
            if (codewordCount != QrSpec.NumTotalCodewords(version)) throw new System.ArgumentException("codeword count does not match the version");
            output.Begin(version, ecc, mode);
            _modules = output.Modules;
            _size = output.Size;
            _bytesPerRow = QrBitRows.BytesPerRow(_size);
            MarkAllData();

            DrawFunctionPatterns(version, ecc);
            DrawCodewords(codewords, codewordCount);
            if (mask < 0)
            {
                // Choose the mask by penalty (7.8.3): each mask's rows scored with its own format bits drawn, then the
                // columns of all eight at once. Written out here rather than in a method of its own: the encode's deepest
                // call chain sets the heap's peak on the device, where every call frame is heap (docs/memory.md).
                _scorer.Load(_modules, _dataModules, _size);
                for (int candidate = 0; candidate < QrMaskPattern.Count; candidate++)
                {
                    DrawFormatBits(ecc, candidate);
                    _maskScores[candidate] = _scorer.ScoreRows(candidate);
                }
                _scorer.AddColumnScores(_maskScores, ecc);
                int bestScore = int.MaxValue;
                for (int candidate = 0; candidate < QrMaskPattern.Count; candidate++)
                {
                    if (_maskScores[candidate] < bestScore)
                    {
                        mask = candidate;
                        bestScore = _maskScores[candidate];
                    }
                }
            }
            QrMaskPattern.Apply(mask, _modules, _dataModules, _size);
            DrawFormatBits(ecc, mask);
            output.Finish(mask);
            _modules = null;
        }

        /// <summary>Sets every module of the symbol to "data" (bits past the side stay 0).</summary>
        private void MarkAllData()
        {
            byte[] dataModules = _dataModules;
            int bytesPerRow = _bytesPerRow;
            int lastBits = _size - 8 * (bytesPerRow - 1);
            byte last = (byte)((1 << lastBits) - 1);
            for (int y = 0, at = 0; y < _size; y++)
            {
                for (int b = 0; b < bytesPerRow - 1; b++) dataModules[at++] = 0xFF;
                dataModules[at++] = last;
            }
        }

        /// <summary>Finder, separator, timing and alignment patterns, then format (dummy mask) and version areas (7.7).</summary>
        private void DrawFunctionPatterns(int version, int ecc)
        {
            int size = _size;
            for (int i = 0; i < size; i++)
            {
                SetFunctionModule(6, i, i % 2 == 0);
                SetFunctionModule(i, 6, i % 2 == 0);
            }

            DrawFinderPattern(3, 3);
            DrawFinderPattern(size - 4, 3);
            DrawFinderPattern(3, size - 4);

            int count = QrSpec.AlignmentPatternPositions(version, _alignmentPositions);
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < count; j++)
                {
                    // The three corners already hold finder patterns.
                    bool corner = (i == 0 && j == 0) || (i == 0 && j == count - 1) || (i == count - 1 && j == 0);
                    if (!corner) DrawAlignmentPattern(_alignmentPositions[i], _alignmentPositions[j]);
                }
            }

            DrawFormatBits(ecc, 0); // reserves the area; redrawn with the real mask later
            DrawVersion(version);
        }

        /// <summary>A 7x7 finder pattern with its light separator, centred at (x, y), clipped to the symbol (7.3.2, 7.3.3).</summary>
        private void DrawFinderPattern(int x, int y)
        {
            for (int dy = -4; dy <= 4; dy++)
            {
                for (int dx = -4; dx <= 4; dx++)
                {
                    int xx = x + dx;
                    int yy = y + dy;
                    if (xx < 0 || xx >= _size || yy < 0 || yy >= _size) continue;
                    int distance = Chebyshev(dx, dy);
                    SetFunctionModule(xx, yy, distance != 2 && distance != 4);
                }
            }
        }

        /// <summary>A 5x5 alignment pattern centred at (x, y) (7.3.5).</summary>
        private void DrawAlignmentPattern(int x, int y)
        {
            for (int dy = -2; dy <= 2; dy++)
            {
                for (int dx = -2; dx <= 2; dx++) SetFunctionModule(x + dx, y + dy, Chebyshev(dx, dy) != 1);
            }
        }

        /// <summary>Both copies of the 15 format bits and the dark module (7.9.1, Figure 25).</summary>
        private void DrawFormatBits(int ecc, int mask)
        {
            int bits = QrSpec.FormatBits(ecc, mask);
            int size = _size;
            // First copy, around the top-left finder.
            for (int i = 0; i <= 5; i++) SetFunctionModule(8, i, Bit(bits, i));
            SetFunctionModule(8, 7, Bit(bits, 6));
            SetFunctionModule(8, 8, Bit(bits, 7));
            SetFunctionModule(7, 8, Bit(bits, 8));
            for (int i = 9; i < 15; i++) SetFunctionModule(14 - i, 8, Bit(bits, i));
            // Second copy, split between the top-right and bottom-left finders.
            for (int i = 0; i < 8; i++) SetFunctionModule(size - 1 - i, 8, Bit(bits, i));
            for (int i = 8; i < 15; i++) SetFunctionModule(8, size - 15 + i, Bit(bits, i));
            SetFunctionModule(8, size - 8, true); // the always-dark module
        }

        /// <summary>Both 6x3 copies of the 18 version bits, versions 7 and up (7.10, Figure 27).</summary>
        private void DrawVersion(int version)
        {
            if (version < 7) return;
            int bits = QrSpec.VersionBits(version);
            for (int i = 0; i < 18; i++)
            {
                bool dark = Bit(bits, i);
                int a = _size - 11 + i % 3;
                int b = i / 3;
                SetFunctionModule(a, b, dark);
                SetFunctionModule(b, a, dark);
            }
        }

        /// <summary>
        /// Places the codeword bits in two-module-wide columns, zig-zagging up and down from the bottom
        /// right, skipping the vertical timing column (7.7.3). Remainder bits stay light (0) before masking.
        /// </summary>
        private void DrawCodewords(byte[] codewords, int codewordCount)
        {
            int size = _size;
            int bytesPerRow = _bytesPerRow;
            byte[] modules = _modules;
            byte[] dataModules = _dataModules;
            int index = 0;          // next codeword
            int current = 0;        // bits of the codeword being placed, most significant first
            int bitsLeft = 0;
            for (int right = size - 1; right >= 1; right -= 2)
            {
                if (right == 6) right = 5;
                bool upward = ((right + 1) & 2) == 0;
                int rowAt = upward ? (size - 1) * bytesPerRow : 0;
                int step = upward ? -bytesPerRow : bytesPerRow;
                for (int vert = 0; vert < size; vert++, rowAt += step)
                {
                    for (int j = 0; j < 2; j++)
                    {
                        int x = right - j;
                        int at = rowAt + (x >> 3);
                        int bit = 1 << (x & 7);
                        if ((dataModules[at] & bit) == 0) continue;
                        if (bitsLeft == 0)
                        {
                            if (index == codewordCount) return; // remainder bits stay light
                            current = codewords[index++];
                            bitsLeft = 8;
                        }
                        bitsLeft--;
                        if (((current >> bitsLeft) & 1) != 0) modules[at] = (byte)(modules[at] | bit); // cleared by Begin
                    }
                }
            }
        }

        private void SetFunctionModule(int x, int y, bool dark)
        {
            QrBitRows.Set(_modules, _bytesPerRow, x, y, dark);
            QrBitRows.Set(_dataModules, _bytesPerRow, x, y, false);
        }

        private static bool Bit(int value, int index)
        {
            return ((value >> index) & 1) != 0;
        }

        private static int Chebyshev(int dx, int dy)
        {
            if (dx < 0) dx = -dx;
            if (dy < 0) dy = -dy;
            return dx > dy ? dx : dy;
        }
    }
}
