namespace Terminal.Gateway
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104 with FIPS 180-4 SHA-256), incremental, into caller buffers. The key's inner and
    /// outer pads are computed once in SetKey, so each message costs two hash passes and allocates nothing.
    /// </summary>
    public sealed class HmacSha256
    {
        public const int MacBytes = Sha256.HashBytes;
        private const byte InnerPad = 0x36;
        private const byte OuterPad = 0x5c;

        private readonly Sha256 _hash;
        private readonly byte[] _innerKeyPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _outerKeyPad = new byte[Sha256.BlockBytes];
        private readonly byte[] _innerDigest = new byte[Sha256.HashBytes];

        public HmacSha256() : this(new Sha256())
        {
        }

        /// <summary>
        /// A MAC that computes on a hash state it shares with its owner (one state less on the heap): the owner may
        /// use the hash between messages, never while a message is in progress, and starts each message with
        /// <see cref="Reset"/>.
        /// </summary>
        public HmacSha256(Sha256 hash)
        {
            _hash = hash;
        }

        /// <summary>
        /// Sets the key (RFC 2104 section 2: a key longer than the block is hashed first, a shorter one is
        /// zero-padded) and starts a message.
        /// </summary>
        public void SetKey(byte[] key, int offset, int count)
        {
            Clear(_innerKeyPad);
            if (count > Sha256.BlockBytes)
            {
                _hash.Reset();
                _hash.Update(key, offset, count);
                _hash.Finish(_innerKeyPad, 0);
            }
            else
            {
                for (int i = 0; i < count; i++) _innerKeyPad[i] = key[offset + i];
            }
            for (int i = 0; i < Sha256.BlockBytes; i++)
            {
                byte k = _innerKeyPad[i];
                _innerKeyPad[i] = (byte)(k ^ InnerPad);
                _outerKeyPad[i] = (byte)(k ^ OuterPad);
            }
            Reset();
        }

        /// <summary>Starts a new message with the same key.</summary>
        public void Reset()
        {
            _hash.Reset();
            _hash.Update(_innerKeyPad, 0, Sha256.BlockBytes);
        }

        public void Update(byte[] data, int offset, int count)
        {
            _hash.Update(data, offset, count);
        }

        public void Update(byte value)
        {
            _hash.Update(value);
        }

        /// <summary>Feeds the text's characters as single bytes; the protocol's signed fields are ASCII.</summary>
        public void UpdateAscii(string text)
        {
            for (int i = 0; i < text.Length; i++) _hash.Update((byte)text[i]);
        }

        /// <summary>Feeds characters as single bytes (ASCII header values held in reusable buffers).</summary>
        public void UpdateAscii(char[] text, int offset, int count)
        {
            for (int i = 0; i < count; i++) _hash.Update((byte)text[offset + i]);
        }

        /// <summary>Writes the 32-byte MAC at output[offset] = H((K ^ opad) || H((K ^ ipad) || m)); restarts.</summary>
        public void Finish(byte[] output, int offset)
        {
            _hash.Finish(_innerDigest, 0);
            _hash.Update(_outerKeyPad, 0, Sha256.BlockBytes);
            _hash.Update(_innerDigest, 0, Sha256.HashBytes);
            _hash.Finish(output, offset);
            Reset();
        }

        private static void Clear(byte[] bytes)
        {
            for (int i = 0; i < bytes.Length; i++) bytes[i] = 0;
        }
    }
}
