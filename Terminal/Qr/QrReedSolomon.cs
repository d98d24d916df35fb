namespace Terminal.Qr
{
    /// <summary>
    /// Reed-Solomon error correction over GF(256) with the field polynomial x^8+x^4+x^3+x^2+1 (0x11D) and
    /// generator element 2 (ISO/IEC 18004 7.5.2). The generator polynomial of degree d is prod(x - 2^i),
    /// i = 0..d-1. Tables are built once at class load; computing allocates nothing.
    /// </summary>
    public sealed class QrReedSolomon
    {
        private const int FieldPolynomial = 0x11D;

        /// <summary>Marks a zero coefficient in a log-form divisor (zero has no logarithm; logs are 0-254).</summary>
        private const int NoLog = 255;

        // EXP has the field's 255 powers; a sum of two logs (0-508) is reduced by one subtraction (where it is used)
        // rather than doubling the table (257 bytes of heap). Bytes, not ints: 768 bytes less heap again.
        private static readonly byte[] EXP = new byte[255];
        private static readonly byte[] LOG = new byte[256];

        static QrReedSolomon()
        {
            int x = 1;
            for (int i = 0; i < 255; i++)
            {
                EXP[i] = (byte)x;
                LOG[x] = (byte)i;
                x <<= 1;
                if (x >= 0x100) x ^= FieldPolynomial;
            }
            LOG[0] = NoLog;
        }

        private readonly byte[] _divisor = new byte[QrSpec.MaxEccCodewordsPerBlock];
        private readonly byte[] _divisorLog = new byte[QrSpec.MaxEccCodewordsPerBlock];
        private readonly byte[] _remainder = new byte[QrSpec.MaxEccCodewordsPerBlock];
        private int _degree;

        /// <summary>The degree of the current generator polynomial (0 before the first use).</summary>
        public int Degree { get { return _degree; } }

        /// <summary>Product of two field elements.</summary>
        public static int Multiply(int a, int b)
        {
            if (a == 0 || b == 0) return 0;
            int log = LOG[a] + LOG[b];
            return EXP[log >= 255 ? log - 255 : log];
        }

        /// <summary>
        /// Makes the generator polynomial of the given degree current (reedSolomonComputeDivisor). Kept
        /// between calls: all blocks of a symbol share one degree, so it is computed once per encode at most.
        /// Coefficients are stored highest power first, without the leading 1.
        /// </summary>
        public void ComputeDivisor(int degree)
        {
            if (degree < 1 || degree > QrSpec.MaxEccCodewordsPerBlock) throw new System.ArgumentOutOfRangeException("degree");
            if (degree == _degree) return;
            for (int i = 0; i < degree; i++) _divisor[i] = 0;
            _divisor[degree - 1] = 1; // start with the monomial x^0
            int root = 1;
            for (int i = 0; i < degree; i++)
            {
                // Multiply the product by (x - root), i.e. by (x + root) in GF(2^8).
                for (int j = 0; j < degree; j++)
                {
                    _divisor[j] = (byte)Multiply(_divisor[j], root);
                    if (j + 1 < degree) _divisor[j] ^= _divisor[j + 1];
                }
                root = Multiply(root, 2);
            }
            for (int i = 0; i < degree; i++) _divisorLog[i] = LOG[_divisor[i]];
            _degree = degree;
        }

        /// <summary>
        /// Writes the ECC codewords of data[offset..offset+length) at dest[destOffset..+Degree): the remainder
        /// of data(x) * x^Degree divided by the current generator (reedSolomonComputeRemainder).
        /// </summary>
        public void ComputeRemainder(byte[] data, int offset, int length, byte[] dest, int destOffset)
        {
            int degree = _degree;
            byte[] rem = _remainder;
            byte[] divisorLog = _divisorLog;
            for (int i = 0; i < degree; i++) rem[i] = 0;
            for (int k = offset; k < offset + length; k++)
            {
                int factor = data[k] ^ rem[0];
                for (int i = 0; i + 1 < degree; i++) rem[i] = rem[i + 1];
                rem[degree - 1] = 0;
                if (factor == 0) continue;
                int factorLog = LOG[factor];
                for (int i = 0; i < degree; i++)
                {
                    int log = divisorLog[i];
                    if (log == NoLog) continue;
                    log += factorLog;
                    rem[i] ^= EXP[log >= 255 ? log - 255 : log];
                }
            }
            for (int i = 0; i < degree; i++) dest[destOffset + i] = rem[i];
        }
    }
}
