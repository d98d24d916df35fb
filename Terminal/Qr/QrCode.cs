namespace Terminal.Qr
{
    /// <summary>
    /// A caller-owned, reusable QR symbol, sized once for a maximum version: (17 + 4v) rows of
    /// <see cref="QrBitRows.BytesPerRow"/> bytes, one bit per module (version 10: 456 bytes).
    /// An encode fills it; a failed encode empties it (Size 0), so the previous payment code can never be
    /// shown by mistake.
    /// </summary>
    public sealed class QrCode
    {
        private readonly byte[] _modules;
        private readonly int _maxVersion;

        public QrCode(int maxVersion)
        {
            if (maxVersion < QrSpec.MinVersion || maxVersion > QrSpec.MaxVersion) throw new System.ArgumentOutOfRangeException("maxVersion");
            _maxVersion = maxVersion;
            _modules = QrBitRows.Allocate(QrSpec.SizeOf(maxVersion));
        }

        /// <summary>The largest version this holder has room for.</summary>
        public int MaxVersion { get { return _maxVersion; } }

        /// <summary>Version 1-40 of the current symbol, 0 when empty.</summary>
        public int Version { get; private set; }

        /// <summary>Modules per side (17 + 4 * Version), 0 when empty.</summary>
        public int Size { get; private set; }

        /// <summary>ECC level (<see cref="QrEcc"/> code) of the current symbol.</summary>
        public int Ecc { get; private set; }

        /// <summary>Mask pattern 0-7 of the current symbol.</summary>
        public int Mask { get; private set; }

        /// <summary>Segment mode (<see cref="QrMode"/> code) the data was written in.</summary>
        public int Mode { get; private set; }

        /// <summary>Pixels per module chosen by a fit-to-box encode; 1 after a plain encode.</summary>
        public int Scale { get; private set; }

        /// <summary>Quiet-zone width in modules the fit-to-box encode reserved; 0 after a plain encode.</summary>
        public int QuietZoneModules { get; private set; }

        /// <summary>True when a symbol is present.</summary>
        public bool IsValid { get { return Size != 0; } }

        /// <summary>
        /// True if the module at column x, row y is dark. Outside the symbol (the quiet zone) is light, so a
        /// renderer may ask for coordinates around the symbol without checks.
        /// </summary>
        public bool GetModule(int x, int y)
        {
            int size = Size;
            if (x < 0 || y < 0 || x >= size || y >= size) return false;
            return QrBitRows.Get(_modules, QrBitRows.BytesPerRow(size), x, y);
        }

        /// <summary>The modules as bit rows (<see cref="QrBitRows"/>, 1 = dark); the encoder writes them in place.</summary>
        internal byte[] Modules { get { return _modules; } }

        internal void Clear()
        {
            Version = 0;
            Size = 0;
            Ecc = 0;
            Mask = 0;
            Mode = 0;
            Scale = 0;
            QuietZoneModules = 0;
        }

        /// <summary>Starts a new symbol: sets its shape and clears every module to light.</summary>
        internal void Begin(int version, int ecc, int mode)
        {
            int size = QrSpec.SizeOf(version);
            System.Array.Clear(_modules, 0, size * QrBitRows.BytesPerRow(size));
            Version = version;
            Size = size;
            Ecc = ecc;
            Mode = mode;
            Mask = 0;
            Scale = 1;
            QuietZoneModules = 0;
        }

        internal void Finish(int mask)
        {
            Mask = mask;
        }

        internal void SetPlacement(int scale, int quietZoneModules)
        {
            Scale = scale;
            QuietZoneModules = quietZoneModules;
        }
    }
}
