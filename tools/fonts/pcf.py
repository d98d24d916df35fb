"""A reader for X11 PCF bitmap fonts (the format Debian's xfonts-* packages ship), enough to take single glyphs
out of a font encoded in ISO 10646 (Unicode). Layout of the format: the X.Org pcfread.c / the FreeType PCF
driver. Only the tables a glyph needs are read: metrics, bitmaps, encodings and the accelerators (the font's
ascent and descent, which place every glyph on one baseline).
"""
import gzip
import struct

PCF_PROPERTIES = 1 << 0
PCF_ACCELERATORS = 1 << 1
PCF_METRICS = 1 << 2
PCF_BITMAPS = 1 << 3
PCF_BDF_ENCODINGS = 1 << 5
PCF_BDF_ACCELERATORS = 1 << 8

PCF_COMPRESSED_METRICS = 0x100
PCF_BYTE_MASK = 1 << 2  # set: multi-byte numbers are big-endian
PCF_BIT_MASK = 1 << 3  # set: the leftmost pixel is the most significant bit
NO_GLYPH = 0xFFFF


class PcfFont:
    """glyph(ch) -> rows of '#'/'.' in a cell of the font's height (ascent + descent) and the glyph's advance."""

    def __init__(self, path):
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            self.data = f.read()
        if self.data[:4] != b"\x01fcp":
            raise ValueError(f"{path}: not a PCF font")
        (count,) = struct.unpack_from("<i", self.data, 4)
        self.tables = {}
        for i in range(count):
            kind, fmt, size, offset = struct.unpack_from("<iiii", self.data, 8 + 16 * i)
            self.tables[kind] = (fmt, offset)
        self._read_accelerators()
        self._read_metrics()
        self._read_bitmaps()
        self._read_encodings()
        self.properties = self._read_properties()

    def _table(self, kind):
        if kind not in self.tables:
            raise ValueError(f"PCF table {kind} missing")
        fmt, offset = self.tables[kind]
        (own_format,) = struct.unpack_from("<i", self.data, offset)
        order = ">" if own_format & PCF_BYTE_MASK else "<"
        return own_format, order, offset + 4

    def _read_properties(self):
        fmt, o, at = self._table(PCF_PROPERTIES)
        (n,) = struct.unpack_from(o + "i", self.data, at)
        at += 4
        props = []
        for _ in range(n):
            name, is_string, value = struct.unpack_from(o + "ibi", self.data, at)
            props.append((name, is_string, value))
            at += 9
        at += (4 - n % 4) % 4 if n % 4 else 0
        (string_size,) = struct.unpack_from(o + "i", self.data, at)
        strings = self.data[at + 4: at + 4 + string_size]

        def text(offset):
            return strings[offset:strings.index(b"\0", offset)].decode("latin-1")

        return {text(name): (text(value) if is_string else value) for name, is_string, value in props}

    def _read_accelerators(self):
        kind = PCF_BDF_ACCELERATORS if PCF_BDF_ACCELERATORS in self.tables else PCF_ACCELERATORS
        fmt, o, at = self._table(kind)
        self.ascent, self.descent = struct.unpack_from(o + "ii", self.data, at + 8)

    def _read_metrics(self):
        fmt, o, at = self._table(PCF_METRICS)
        self.metrics = []
        if fmt & PCF_COMPRESSED_METRICS:
            (n,) = struct.unpack_from(o + "h", self.data, at)
            at += 2
            for i in range(n):
                lsb, rsb, width, ascent, descent = (b - 0x80 for b in self.data[at + 5 * i: at + 5 * i + 5])
                self.metrics.append((lsb, rsb, width, ascent, descent))
        else:
            (n,) = struct.unpack_from(o + "i", self.data, at)
            at += 4
            for i in range(n):
                self.metrics.append(struct.unpack_from(o + "hhhhh", self.data, at + 12 * i))

    def _read_bitmaps(self):
        fmt, o, at = self._table(PCF_BITMAPS)
        self.bitmap_format = fmt
        (n,) = struct.unpack_from(o + "i", self.data, at)
        at += 4
        self.offsets = struct.unpack_from(o + "%di" % n, self.data, at)
        at += 4 * n
        sizes = struct.unpack_from(o + "4i", self.data, at)
        at += 16
        self.bitmaps = self.data[at: at + sizes[fmt & 3]]

    def _read_encodings(self):
        fmt, o, at = self._table(PCF_BDF_ENCODINGS)
        self.min2, self.max2, self.min1, self.max1, self.default = struct.unpack_from(o + "hhhhh", self.data, at)
        n = (self.max2 - self.min2 + 1) * (self.max1 - self.min1 + 1)
        self.indices = struct.unpack_from(o + "%dH" % n, self.data, at + 10)

    def glyph_index(self, ch):
        code = ord(ch)
        b1, b2 = code >> 8, code & 0xFF
        if not (self.min1 <= b1 <= self.max1 and self.min2 <= b2 <= self.max2):
            return None
        index = self.indices[(b1 - self.min1) * (self.max2 - self.min2 + 1) + (b2 - self.min2)]
        return None if index == NO_GLYPH else index

    def glyph(self, ch):
        """(advance, rows): rows are ascent + descent strings of advance characters, '#' lit."""
        index = self.glyph_index(ch)
        if index is None:
            raise KeyError("U+%04X %s: not in the font" % (ord(ch), ch))
        lsb, rsb, advance, ascent, descent = self.metrics[index]
        pad = 1 << (self.bitmap_format & 3)
        msb_first = bool(self.bitmap_format & PCF_BIT_MASK)
        unit = 1 << ((self.bitmap_format >> 4) & 3)
        big_endian = bool(self.bitmap_format & PCF_BYTE_MASK)
        width = rsb - lsb
        stride = ((width + 7) // 8 + pad - 1) // pad * pad
        height = self.ascent + self.descent
        rows = [["."] * advance for _ in range(height)]
        start = self.offsets[index]
        for r in range(ascent + descent):
            row_bytes = bytearray(self.bitmaps[start + r * stride: start + (r + 1) * stride])
            if unit > 1 and big_endian != msb_first:
                # Units whose byte order differs from their bit order are swapped into bit order.
                for u in range(0, len(row_bytes), unit):
                    row_bytes[u:u + unit] = row_bytes[u:u + unit][::-1]
            y = self.ascent - ascent + r
            for c in range(width):
                byte = row_bytes[c // 8]
                bit = (byte >> (7 - c % 8)) & 1 if msb_first else (byte >> (c % 8)) & 1
                x = lsb + c
                if bit and 0 <= y < height and 0 <= x < advance:
                    rows[y][x] = "#"
        return advance, ["".join(r) for r in rows]
