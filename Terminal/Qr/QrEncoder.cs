using Terminal.Text;

namespace Terminal.Qr
{
    /// <summary>
    /// ISO/IEC 18004 Model 2 QR encoder for one segment (numeric, alphanumeric or byte = UTF-8 without ECI),
    /// versions 1-40, ECC L/M/Q/H. Its scratch buffers are sized once for a maximum version (the working bytes
    /// may be a workspace the caller lends, <see cref="WorkspaceBytes"/>); an encode allocates nothing. Never throws
    /// for data that does not fit and never truncates: it returns a <see cref="QrStatus"/> code and leaves the
    /// output empty.
    ///
    /// Memory for maximum version v (side s = 17 + 4v, b = ceil(s / 8) bytes per bit row): s * b here for the
    /// data-module map and s * b in each <see cref="QrCode"/>, the working bytes (about 3 * total codewords), and the
    /// mask scorer's few packed lines and small tables. Version 11: 488 + 488 + 1,096 + about 0.6 KB (docs/memory.md).
    /// </summary>
    public sealed class QrEncoder
    {
        private const int PadByteA = 0xEC; // pad codewords alternate 11101100, 00010001 (7.4.10)
        private const int PadByteB = 0x11;
        private const int TerminatorBits = 4;

        private readonly int _maxVersion;
        // The encode's working bytes, at the front of _work: the UTF-8 of a text input and, once the bit stream holds
        // that data, the final (data and ECC, interleaved) codewords, from 0 (the text is dead by then); the bit
        // stream, padded to the data capacity, from _dataAt. _work is the caller's workspace when one is given (the
        // terminal lends the gateway client's response body, idle whenever it encodes), else the encoder's own.
        private readonly byte[] _work;
        private readonly int _dataAt;
        private readonly byte[] _blockEcc = new byte[QrSpec.MaxEccCodewordsPerBlock];
        private readonly QrReedSolomon _reedSolomon = new QrReedSolomon();
        private readonly QrMatrixBuilder _matrix;
        private int _bitLength;
        private int _codewordCount;
        private int _mode;         // the symbol being built: chosen by ChooseVersion or ChooseFit, then made
        private int _version;
        private int _ecc;
        private int _fitScale;

        /// <summary>An encoder with working bytes of its own (<see cref="WorkspaceBytes"/>).</summary>
        public QrEncoder(int maxVersion) : this(maxVersion, null)
        {
        }

        /// <summary>
        /// An encoder that works in the caller's workspace, at least <see cref="WorkspaceBytes"/>(maxVersion) long:
        /// its contents are overwritten by every encode, so nothing else may use it while one runs. Null: its own.
        /// </summary>
        public QrEncoder(int maxVersion, byte[] workspace)
        {
            if (maxVersion < QrSpec.MinVersion || maxVersion > QrSpec.MaxVersion) throw new System.ArgumentOutOfRangeException("maxVersion");
            _maxVersion = maxVersion;
            _dataAt = TextThenCodewordsBytes(maxVersion);
            int needed = WorkspaceBytes(maxVersion);
            if (workspace != null && workspace.Length < needed) throw new System.ArgumentException("workspace smaller than WorkspaceBytes(maxVersion)");
            _work = workspace != null ? workspace : new byte[needed];
            _matrix = new QrMatrixBuilder(maxVersion);
        }

        /// <summary>The working bytes an encoder for versions up to maxVersion needs (1,096 at version 11).</summary>
        public static int WorkspaceBytes(int maxVersion)
        {
            return TextThenCodewordsBytes(maxVersion) + QrSpec.NumDataCodewords(maxVersion, QrEcc.L);
        }

        private static int TextThenCodewordsBytes(int maxVersion)
        {
            // No text with more UTF-8 bytes than the numeric capacity at L can fit in any mode.
            int textBytes = QrSpec.Capacity(QrMode.Numeric, maxVersion, QrEcc.L);
            int totalCodewords = QrSpec.NumTotalCodewords(maxVersion);
            return textBytes > totalCodewords ? textBytes : totalCodewords;
        }

        public int MaxVersion { get { return _maxVersion; } }

        /// <summary>Text at a minimum ECC level, raised while the version stays, smallest version, mask by penalty.</summary>
        public int EncodeText(string text, int minEcc, QrCode output)
        {
            return EncodeText(text, minEcc, true, QrSpec.MinVersion, QrSpec.MaxVersion, -1, output);
        }

        /// <summary>
        /// Encodes text as its UTF-8 bytes in the most compact single mode. Versions are tried from minVersion
        /// up to the smallest of maxVersion, this encoder's and the output's maximum; with boostEcc the level
        /// is raised above minEcc as long as the data still fits that version. mask: 0-7 forces one, -1 chooses.
        /// </summary>
        public int EncodeText(string text, int minEcc, bool boostEcc, int minVersion, int maxVersion, int mask, QrCode output)
        {
            if (output == null) return QrStatus.InvalidArgument;
            output.Clear();
            if (text == null) return QrStatus.InvalidArgument;
            int length = Utf8.Encode(text, _work, 0);
            if (length < 0) return ValidateOptions(minEcc, minVersion, maxVersion, mask, output) != QrStatus.Ok ? QrStatus.InvalidArgument : QrStatus.DataTooLong;
            // Chosen, then built: one call after the other (see EncodeToFit).
            int status = ChooseVersion(_work, 0, length, minEcc, boostEcc, minVersion, maxVersion, mask, output);
            if (status != QrStatus.Ok) return status;
            MakeCodewords(_work, 0, length);
            _matrix.Build(_version, _ecc, _mode, _work, _codewordCount, mask, output);
            return QrStatus.Ok;
        }

        /// <summary>As <see cref="EncodeText(string, int, bool, int, int, int, QrCode)"/> for bytes data[offset..offset+length).</summary>
        public int EncodeBytes(byte[] data, int offset, int length, int minEcc, bool boostEcc, int minVersion, int maxVersion, int mask, QrCode output)
        {
            if (output == null) return QrStatus.InvalidArgument;
            output.Clear();
            if (!IsRange(data, offset, length)) return QrStatus.InvalidArgument;
            int status = ChooseVersion(data, offset, length, minEcc, boostEcc, minVersion, maxVersion, mask, output);
            if (status != QrStatus.Ok) return status;
            MakeCodewords(data, offset, length);
            _matrix.Build(_version, _ecc, _mode, _work, _codewordCount, mask, output);
            return QrStatus.Ok;
        }

        /// <summary>The options checked, then the symbol's _mode, _version and _ecc chosen as EncodeText says.</summary>
        private int ChooseVersion(byte[] data, int offset, int length, int minEcc, bool boostEcc, int minVersion, int maxVersion, int mask, QrCode output)
        {
            int status = ValidateOptions(minEcc, minVersion, maxVersion, mask, output);
            if (status != QrStatus.Ok) return status;
            int mode = QrMode.Choose(data, offset, length);
            int version = FindVersion(mode, length, minEcc, minVersion, VersionCap(maxVersion, output));
            if (version == 0) return QrStatus.DataTooLong;
            int ecc = minEcc;
            if (boostEcc)
            {
                for (int e = minEcc + 1; e <= QrEcc.H; e++)
                {
                    if (FindVersion(mode, length, e, version, version) == version) ecc = e; // still fits this version
                }
            }
            _mode = mode;
            _version = version;
            _ecc = ecc;
            return QrStatus.Ok;
        }

        /// <summary>
        /// The symbol for a square box of boxPx pixels: the largest integer scale s with
        /// (Size + 2 * quietZoneModules) * s &lt;= boxPx, then the highest ECC level that still fits at that
        /// scale (smallest version for it), mask by penalty. The chosen scale is output.Scale. Returns
        /// DataTooLong if no allowed version holds the data, DoesNotFitBox if one does but not at 1 px/module.
        /// On the 64 px tall OLED use a quiet zone of 1 module: the standard's 4 would shrink the code to
        /// 1 px per module; ZXing and phone readers read it with 1-2 modules of light margin.
        /// </summary>
        public int EncodeToFit(string text, int boxPx, int quietZoneModules, QrCode output)
        {
            if (output == null) return QrStatus.InvalidArgument;
            output.Clear();
            if (text == null || boxPx < 1 || quietZoneModules < 0) return QrStatus.InvalidArgument;
            int length = Utf8.Encode(text, _work, 0);
            if (length < 0) return QrStatus.DataTooLong;
            // The fit is chosen, then the symbol built: one call after the other, not one inside the other, since the
            // build's call chain is the deepest of the terminal's and every call frame is heap in nanoCLR (docs/memory.md).
            int status = ChooseFit(_work, 0, length, boxPx, quietZoneModules, output);
            if (status != QrStatus.Ok) return status;
            MakeCodewords(_work, 0, length);
            _matrix.Build(_version, _ecc, _mode, _work, _codewordCount, -1, output);
            output.SetPlacement(_fitScale, quietZoneModules);
            return QrStatus.Ok;
        }

        /// <summary>As <see cref="EncodeToFit"/> for bytes data[offset..offset+length).</summary>
        public int EncodeBytesToFit(byte[] data, int offset, int length, int boxPx, int quietZoneModules, QrCode output)
        {
            if (output == null) return QrStatus.InvalidArgument;
            output.Clear();
            if (!IsRange(data, offset, length) || boxPx < 1 || quietZoneModules < 0) return QrStatus.InvalidArgument;
            int status = ChooseFit(data, offset, length, boxPx, quietZoneModules, output);
            if (status != QrStatus.Ok) return status;
            MakeCodewords(data, offset, length);
            _matrix.Build(_version, _ecc, _mode, _work, _codewordCount, -1, output);
            output.SetPlacement(_fitScale, quietZoneModules);
            return QrStatus.Ok;
        }

        /// <summary>
        /// The fit of <see cref="EncodeToFit"/>: the largest scale at which the smallest version holds the data,
        /// then the highest ECC level (smallest version for it) at that scale: the symbol's _mode, _version and
        /// _ecc, and _fitScale.
        /// </summary>
        private int ChooseFit(byte[] data, int offset, int length, int boxPx, int quietZoneModules, QrCode output)
        {
            int mode = QrMode.Choose(data, offset, length);
            int cap = VersionCap(QrSpec.MaxVersion, output);
            int smallest = FindVersion(mode, length, QrEcc.L, QrSpec.MinVersion, cap);
            if (smallest == 0) return QrStatus.DataTooLong;
            int scale = boxPx / (QrSpec.SizeOf(smallest) + 2 * quietZoneModules);
            if (scale < 1) return QrStatus.DoesNotFitBox;
            int largest = QrSpec.LargestVersionWithin(boxPx / scale - 2 * quietZoneModules);
            if (largest > cap) largest = cap;
            for (int ecc = QrEcc.H; ecc >= QrEcc.L; ecc--)
            {
                int version = FindVersion(mode, length, ecc, smallest, largest);
                if (version == 0) continue;
                _mode = mode;
                _version = version;
                _ecc = ecc;
                _fitScale = scale;
                return QrStatus.Ok;
            }
            return QrStatus.DataTooLong; // unreachable: the smallest version fits at L
        }

        /// <summary>
        /// Copies the last symbol's final codeword sequence (data and ECC, interleaved as placed) to dest and
        /// returns how many; for a one-block symbol that is the data codewords followed by the ECC codewords.
        /// </summary>
        public int CopyCodewords(byte[] dest, int offset)
        {
            System.Array.Copy(_work, 0, dest, offset, _codewordCount);
            return _codewordCount;
        }

        /// <summary>The penalty of each mask 0-7 in the last encode that chose its mask by penalty.</summary>
        public void CopyMaskScores(int[] dest)
        {
            _matrix.CopyMaskScores(dest);
        }

        /// <summary>
        /// The final codewords of _mode, _version and _ecc for the data (bit stream, then ECC, interleaved), in _work; the
        /// callers then have the matrix builder place them. Two calls one after the other rather than one inside the
        /// other: the matrix's mask scoring is the deepest call chain of an encode, and each frame is heap in nanoCLR.
        /// </summary>
        private void MakeCodewords(byte[] data, int offset, int length)
        {
            WriteBitStream(data, offset, length, _mode, _version, _ecc);
            AddEccAndInterleave(_version, _ecc);
        }

        /// <summary>
        /// Mode indicator, character count, data, terminator, zero bits to a byte boundary and alternating
        /// pad codewords up to the data capacity (7.4).
        /// </summary>
        private void WriteBitStream(byte[] data, int offset, int length, int mode, int version, int ecc)
        {
            int capacityBytes = QrSpec.NumDataCodewords(version, ecc);
            int capacityBits = capacityBytes * 8;
            System.Array.Clear(_work, _dataAt, capacityBytes);
            _bitLength = 0;

            AppendBits(mode, 4);
            AppendBits(length, QrMode.CharacterCountBits(mode, version));
            int end = offset + length;
            if (mode == QrMode.Numeric)
            {
                int i = offset;
                for (; i + 3 <= end; i += 3) AppendBits((data[i] - '0') * 100 + (data[i + 1] - '0') * 10 + (data[i + 2] - '0'), 10);
                if (end - i == 2) AppendBits((data[i] - '0') * 10 + (data[i + 1] - '0'), 7);
                else if (end - i == 1) AppendBits(data[i] - '0', 4);
            }
            else if (mode == QrMode.Alphanumeric)
            {
                int i = offset;
                for (; i + 2 <= end; i += 2) AppendBits(QrMode.AlphanumericValue(data[i]) * 45 + QrMode.AlphanumericValue(data[i + 1]), 11);
                if (i < end) AppendBits(QrMode.AlphanumericValue(data[i]), 6);
            }
            else
            {
                for (int i = offset; i < end; i++) AppendBits(data[i], 8);
            }
            if (_bitLength > capacityBits) throw new System.InvalidOperationException("bit stream exceeds capacity"); // a table error, not bad input

            int terminator = capacityBits - _bitLength;
            if (terminator > TerminatorBits) terminator = TerminatorBits;
            _bitLength += terminator;              // zero bits: the buffer was cleared
            _bitLength = (_bitLength + 7) & ~7;    // zero bits to the byte boundary
            for (int at = _bitLength >> 3, pad = PadByteA; at < capacityBytes; at++, pad ^= PadByteA ^ PadByteB) _work[_dataAt + at] = (byte)pad;
        }

        /// <summary>Appends the low `count` bits of value, most significant first, a byte's worth at a time.</summary>
        private void AppendBits(int value, int count)
        {
            while (count > 0)
            {
                int free = 8 - (_bitLength & 7);
                int take = count < free ? count : free;
                int bits = (value >> (count - take)) & ((1 << take) - 1);
                _work[_dataAt + (_bitLength >> 3)] |= (byte)(bits << (free - take));
                _bitLength += take;
                count -= take;
            }
        }

        /// <summary>
        /// Splits the data codewords into blocks (short blocks first, long blocks one data codeword longer),
        /// computes each block's ECC codewords and interleaves data then ECC codewords column-wise (7.5.2, 7.6).
        /// </summary>
        private void AddEccAndInterleave(int version, int ecc)
        {
            int numBlocks = QrSpec.NumErrorCorrectionBlocks(version, ecc);
            int blockEccLength = QrSpec.EccCodewordsPerBlock(version, ecc);
            int rawCodewords = QrSpec.NumTotalCodewords(version);
            int dataLength = QrSpec.NumDataCodewords(version, ecc);
            int numShortBlocks = numBlocks - rawCodewords % numBlocks;
            int shortDataLength = rawCodewords / numBlocks - blockEccLength;

            _reedSolomon.ComputeDivisor(blockEccLength);
            int blockStart = 0;
            for (int block = 0; block < numBlocks; block++)
            {
                int blockDataLength = shortDataLength + (block < numShortBlocks ? 0 : 1);
                for (int j = 0; j < shortDataLength; j++) _work[j * numBlocks + block] = _work[_dataAt + blockStart + j];
                // Only long blocks have this last data codeword; they are interleaved after all short ones.
                if (blockDataLength > shortDataLength) _work[shortDataLength * numBlocks + block - numShortBlocks] = _work[_dataAt + blockStart + shortDataLength];
                _reedSolomon.ComputeRemainder(_work, _dataAt + blockStart, blockDataLength, _blockEcc, 0);
                for (int j = 0; j < blockEccLength; j++) _work[dataLength + j * numBlocks + block] = _blockEcc[j];
                blockStart += blockDataLength;
            }
            _codewordCount = rawCodewords;
        }

        /// <summary>The smallest version in [lo, hi] whose data capacity at the level holds the segment, or 0.</summary>
        private static int FindVersion(int mode, int count, int ecc, int lo, int hi)
        {
            for (int version = lo; version <= hi; version++)
            {
                // Whether the segment fits the version's data codewords, written out here (no call per version): this
                // is the deepest point of choosing a version, and each call frame is heap in nanoCLR (docs/memory.md).
                int bits = QrMode.SegmentBits(mode, count, version);
                if (bits >= 0 && bits <= QrSpec.NumDataCodewords(version, ecc) * 8) return version;
            }
            return 0;
        }

        private int VersionCap(int maxVersion, QrCode output)
        {
            int cap = maxVersion < _maxVersion ? maxVersion : _maxVersion;
            return cap < output.MaxVersion ? cap : output.MaxVersion;
        }

        private int ValidateOptions(int minEcc, int minVersion, int maxVersion, int mask, QrCode output)
        {
            if (minEcc < QrEcc.L || minEcc > QrEcc.H) return QrStatus.InvalidArgument;
            if (mask < -1 || mask >= QrMaskPattern.Count) return QrStatus.InvalidArgument;
            if (minVersion < QrSpec.MinVersion || maxVersion > QrSpec.MaxVersion || minVersion > maxVersion) return QrStatus.InvalidArgument;
            if (minVersion > VersionCap(maxVersion, output)) return QrStatus.InvalidArgument; // no room for even the smallest allowed version
            return QrStatus.Ok;
        }

        private static bool IsRange(byte[] data, int offset, int length)
        {
            return data != null && offset >= 0 && length >= 0 && offset <= data.Length - length;
        }
    }
}
