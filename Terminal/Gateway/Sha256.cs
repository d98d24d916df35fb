using Terminal.Drivers.Memory;

namespace Terminal.Gateway
{
    /// <summary>
    /// SHA-256 (FIPS 180-4, section 6.2), incremental, into caller buffers. nanoFramework's mscorlib has no
    /// cryptography, and the gateway protocol signs every message. One instance is reused for every message:
    /// Reset, Update as often as needed, Finish; nothing is allocated after construction.
    /// </summary>
    public sealed class Sha256
    {
        public const int HashBytes = 32;
        public const int BlockBytes = 64;

        // FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static readonly uint[] K = ConstantTable.HexWords(
            "428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 " +
            "d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 " +
            "e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da " +
            "983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 " +
            "27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 " +
            "a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 " +
            "19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 " +
            "748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2 ");

        private readonly uint[] _h = new uint[8];
        private const int ScheduleWindow = 16;

        private readonly uint[] _w = new uint[ScheduleWindow];
        private readonly byte[] _block = new byte[BlockBytes];
        private int _blockUsed;
        private long _totalBytes;

        public Sha256()
        {
            Reset();
        }

        /// <summary>Starts a new message (FIPS 180-4 section 5.3.3: the initial hash value H(0)).</summary>
        public void Reset()
        {
            _h[0] = 0x6a09e667; _h[1] = 0xbb67ae85; _h[2] = 0x3c6ef372; _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f; _h[5] = 0x9b05688c; _h[6] = 0x1f83d9ab; _h[7] = 0x5be0cd19;
            _blockUsed = 0;
            _totalBytes = 0;
        }

        public void Update(byte[] data, int offset, int count)
        {
            _totalBytes += count;
            int i = offset;
            int end = offset + count;
            if (_blockUsed > 0)
            {
                while (i < end && _blockUsed < BlockBytes) _block[_blockUsed++] = data[i++];
                if (_blockUsed < BlockBytes) return;
                ProcessBlock(_block, 0);
                _blockUsed = 0;
            }
            while (end - i >= BlockBytes)
            {
                ProcessBlock(data, i);
                i += BlockBytes;
            }
            while (i < end) _block[_blockUsed++] = data[i++];
        }

        public void Update(byte value)
        {
            _totalBytes++;
            _block[_blockUsed++] = value;
            if (_blockUsed == BlockBytes)
            {
                ProcessBlock(_block, 0);
                _blockUsed = 0;
            }
        }

        /// <summary>
        /// Pads the message (FIPS 180-4 section 5.1.1), writes the 32-byte digest at output[offset] and resets
        /// for the next message.
        /// </summary>
        public void Finish(byte[] output, int offset)
        {
            // Padded in the block here, not through Update: one call level less at the deepest point of every
            // signed exchange (each level is a frame on nanoCLR's heap, docs/memory.md).
            long bitLength = _totalBytes * 8;
            _block[_blockUsed++] = 0x80;
            if (_blockUsed > BlockBytes - 8)
            {
                while (_blockUsed < BlockBytes) _block[_blockUsed++] = 0x00;
                ProcessBlock(_block, 0);
                _blockUsed = 0;
            }
            while (_blockUsed < BlockBytes - 8) _block[_blockUsed++] = 0x00;
            for (int shift = 56; shift >= 0; shift -= 8) _block[_blockUsed++] = (byte)(bitLength >> shift);
            ProcessBlock(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                uint h = _h[i];
                output[offset + 4 * i] = (byte)(h >> 24);
                output[offset + 4 * i + 1] = (byte)(h >> 16);
                output[offset + 4 * i + 2] = (byte)(h >> 8);
                output[offset + 4 * i + 3] = (byte)h;
            }
            Reset();
        }

        /// <summary>
        /// FIPS 180-4 section 6.2.2: the message schedule and the 64 rounds over one 512-bit block. The schedule
        /// is kept as a window of its last 16 words (W[t] needs W[t-2], W[t-7], W[t-15] and W[t-16] only), not
        /// all 64: 192 bytes less per hash state on the device's heap. The logical functions of section 4.1.2 are
        /// written out in place, not called: nanoCLR keeps every call's frame on the managed heap, and this is the
        /// deepest point of every signed exchange (docs/memory.md); ROTR^n(x) is (x &gt;&gt; n) | (x &lt;&lt; (32 - n)).
        /// </summary>
        private void ProcessBlock(byte[] data, int offset)
        {
            uint[] w = _w;
            uint a = _h[0], b = _h[1], c = _h[2], d = _h[3], e = _h[4], f = _h[5], g = _h[6], h = _h[7];
            for (int t = 0; t < 64; t++)
            {
                uint wt;
                if (t < ScheduleWindow)
                {
                    int p = offset + 4 * t;
                    wt = ((uint)data[p] << 24) | ((uint)data[p + 1] << 16) | ((uint)data[p + 2] << 8) | data[p + 3];
                }
                else
                {
                    // W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16]; W[t-16] is the slot W[t] replaces.
                    uint x2 = w[(t - 2) & 15];
                    uint x15 = w[(t - 15) & 15];
                    wt = (((x2 >> 17) | (x2 << 15)) ^ ((x2 >> 19) | (x2 << 13)) ^ (x2 >> 10)) + w[(t - 7) & 15]
                        + (((x15 >> 7) | (x15 << 25)) ^ ((x15 >> 18) | (x15 << 14)) ^ (x15 >> 3)) + w[t & 15];
                }
                w[t & 15] = wt;
                // T1 = h + SIGMA1(e) + Ch(e, f, g) + K[t] + W[t]; then T1 + SIGMA0(a) + Maj(a, b, c) becomes a. Written
                // without a local per function: every local is a 24-byte slot of this, the deepest, frame.
                uint t1 = h + (((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7)))
                    + ((e & f) ^ (~e & g)) + K[t] + wt;
                h = g; g = f; f = e; e = d + t1;
                d = c; // c is now in d (Maj below reads it there)
                t1 += (((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10)))
                    + ((a & b) ^ (a & d) ^ (b & d));
                c = b; b = a; a = t1;
            }
            _h[0] += a; _h[1] += b; _h[2] += c; _h[3] += d;
            _h[4] += e; _h[5] += f; _h[6] += g; _h[7] += h;
        }
    }
}
