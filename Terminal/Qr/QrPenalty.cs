namespace Terminal.Qr
{
    /// <summary>
    /// The mask penalty score of ISO/IEC 18004 7.8.3 (weights N1=3, N2=3, N3=40, N4=10), over a row-major
    /// module array (1 = dark). Lower is better.
    ///
    /// Reading of rule N3 (the standard is ambiguous): Nayuki's QR-Code-generator's. Each row and column is
    /// extended with light modules on both ends (the quiet zone); a dark-light-dark-light-dark run sequence
    /// in ratio 1:1:3:1:1 (any module width n) scores 40 once for a light run of at least 4n before it and
    /// once more for one after it, so a pattern with light on both sides scores 80. Adjacent runs on the
    /// other side only have to be at least n long (they are light by construction).
    /// Rule N4: k = ceil(|dark * 20 - total * 10| / total) - 1, the number of whole 5% steps beyond 45-55%.
    /// </summary>
    public static class QrPenalty
    {
        public const int N1 = 3;
        public const int N2 = 3;
        public const int N3 = 40;
        public const int N4 = 10;

        /// <summary>Run-history slots needed by the finder-like pattern check (7 runs: 1:1:3:1:1 plus both sides).</summary>
        public const int RunHistoryLength = 7;

        /// <summary>The total penalty (getPenaltyScore). runHistory: caller-owned scratch of <see cref="RunHistoryLength"/>.</summary>
        public static int Score(byte[] modules, int size, int[] runHistory)
        {
            return RunPenalty(modules, size, runHistory) + BlockPenalty(modules, size) + BalancePenalty(modules, size);
        }

        /// <summary>Rules N1 (runs of 5+ same-colour modules) and N3 (finder-like patterns), rows then columns.</summary>
        public static int RunPenalty(byte[] modules, int size, int[] runHistory)
        {
            int result = 0;
            for (int y = 0; y < size; y++) result += LineRunPenalty(modules, y * size, 1, size, runHistory);
            for (int x = 0; x < size; x++) result += LineRunPenalty(modules, x, size, size, runHistory);
            return result;
        }

        /// <summary>Rules N1 and N3 on one line of `size` modules: modules[start], modules[start + step], ...</summary>
        public static int LineRunPenalty(byte[] modules, int start, int step, int size, int[] runHistory)
        {
            int result = 0;
            for (int i = 0; i < RunHistoryLength; i++) runHistory[i] = 0;
            int runColor = 0;
            int runLength = 0;
            int at = start;
            for (int k = 0; k < size; k++, at += step)
            {
                int color = modules[at];
                if (color == runColor)
                {
                    runLength++;
                    if (runLength == 5) result += N1;
                    else if (runLength > 5) result++;
                }
                else
                {
                    AddHistory(runLength, runHistory, size);
                    if (runColor == 0) result += CountFinderPatterns(runHistory) * N3;
                    runColor = color;
                    runLength = 1;
                }
            }
            // Terminate (finderPenaltyTerminateAndCount, written out here: every call is a heap-allocated frame in
            // nanoCLR, and this is the deepest point of the QR encode, docs/memory.md): close a dark run, add the
            // light quiet zone after the line, count the patterns it completes.
            if (runColor != 0)
            {
                AddHistory(runLength, runHistory, size);
                runLength = 0;
            }
            AddHistory(runLength + size, runHistory, size);
            return result + CountFinderPatterns(runHistory) * N3;
        }

        /// <summary>Rule N2: every 2x2 block of one colour scores 3 (overlapping blocks each count).</summary>
        public static int BlockPenalty(byte[] modules, int size)
        {
            int result = 0;
            for (int y = 0; y + 1 < size; y++)
            {
                int row = y * size;
                int next = row + size;
                for (int x = 0; x + 1 < size; x++)
                {
                    int color = modules[row + x];
                    if (color == modules[row + x + 1] && color == modules[next + x] && color == modules[next + x + 1]) result += N2;
                }
            }
            return result;
        }

        /// <summary>Rule N4: 10 points per whole 5% step the dark share is beyond 45%-55%.</summary>
        public static int BalancePenalty(byte[] modules, int size)
        {
            int total = size * size;
            int dark = 0;
            for (int i = 0; i < total; i++) dark += modules[i];
            return BalancePenalty(dark, total);
        }

        /// <summary>Rule N4 from the count of dark modules among `total`.</summary>
        public static int BalancePenalty(int dark, int total)
        {
            int deviation = dark * 20 - total * 10;
            if (deviation < 0) deviation = -deviation;
            int k = (deviation + total - 1) / total - 1;
            if (k < 0) k = 0; // only when exactly half is dark, impossible for odd sizes
            return k * N4;
        }

        /// <summary>Counts 1:1:3:1:1 patterns ending at the newest light run, on each side (0, 1 or 2).</summary>
        private static int CountFinderPatterns(int[] runHistory)
        {
            int n = runHistory[1];
            bool core = n > 0 && runHistory[2] == n && runHistory[3] == n * 3 && runHistory[4] == n && runHistory[5] == n;
            int count = 0;
            if (core && runHistory[0] >= n * 4 && runHistory[6] >= n) count++;
            if (core && runHistory[6] >= n * 4 && runHistory[0] >= n) count++;
            return count;
        }

        /// <summary>Pushes a run length (newest at index 0); the line's first run gets the quiet zone before it.</summary>
        private static void AddHistory(int runLength, int[] runHistory, int size)
        {
            if (runHistory[0] == 0) runLength += size;
            for (int i = RunHistoryLength - 1; i > 0; i--) runHistory[i] = runHistory[i - 1];
            runHistory[0] = runLength;
        }
    }
}
