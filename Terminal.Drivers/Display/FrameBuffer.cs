using System;

namespace Terminal.Drivers.Display
{
    /// <summary>
    /// The 128x64 monochrome picture in the panel's own page layout: 8 pages of 128 column bytes, bit 0 at the
    /// top of each page, so pixel (x, y) is byte x + (y / 8) * 128, bit y &amp; 7. A page is what the driver sends
    /// in one data write. Every drawing call records the pages it touched; the driver compares only those with
    /// what the panel holds, so a screen may clear and redraw everything and still only changed pages go out.
    /// </summary>
    public sealed class FrameBuffer
    {
        public const int WidthPx = 128;
        public const int HeightPx = 64;
        public const int PageCount = 8;
        public const int PageHeightPx = 8;
        public const int BytesPerPage = WidthPx;
        public const int ByteCount = WidthPx * PageCount;

        /// <summary>All bits set: every page touched.</summary>
        public const int AllPages = 0xFF;

        private readonly byte[] _bytes;
        private int _touchedPages = AllPages;

        public FrameBuffer() : this(null)
        {
        }

        /// <summary>
        /// A picture drawn into the caller's bytes (the first <see cref="ByteCount"/>), or into its own when storage
        /// is null: the technician's timing probe borrows the terminal's idle workspace (docs/memory.md).
        /// </summary>
        public FrameBuffer(byte[] storage)
        {
            if (storage != null && storage.Length < ByteCount) throw new ArgumentException("storage smaller than ByteCount");
            _bytes = storage != null ? storage : new byte[ByteCount];
        }

        /// <summary>The page-layout bytes; read by the driver, written only through the drawing calls.</summary>
        public byte[] Bytes { get { return _bytes; } }

        /// <summary>Bit p set when page p was drawn on since the last <see cref="TakeTouchedPages"/>.</summary>
        public int TouchedPages { get { return _touchedPages; } }

        /// <summary>Returns the touched-page mask and starts a new one (the driver calls this per flush).</summary>
        public int TakeTouchedPages()
        {
            int pages = _touchedPages;
            _touchedPages = 0;
            return pages;
        }

        /// <summary>Marks every page touched, for example after the panel lost its contents.</summary>
        public void TouchAll()
        {
            _touchedPages = AllPages;
        }

        /// <summary>Every pixel unlit.</summary>
        public void Clear()
        {
            Array.Clear(_bytes, 0, ByteCount);
            _touchedPages = AllPages;
        }

        public bool GetPixel(int x, int y)
        {
            if (x < 0 || x >= WidthPx || y < 0 || y >= HeightPx) return false;
            return (_bytes[x + (y >> 3) * BytesPerPage] & (1 << (y & 7))) != 0;
        }

        /// <summary>Sets one pixel; pixels outside the panel are ignored (clipping).</summary>
        public void SetPixel(int x, int y, bool lit)
        {
            if (x < 0 || x >= WidthPx || y < 0 || y >= HeightPx) return;
            int page = y >> 3;
            int index = x + page * BytesPerPage;
            byte mask = (byte)(1 << (y & 7));
            if (lit) _bytes[index] |= mask;
            else _bytes[index] &= (byte)~mask;
            _touchedPages |= 1 << page;
        }

        /// <summary>Fills a rectangle, clipped to the panel. Works a page at a time with one mask per page.</summary>
        public void FillRect(int x, int y, int widthPx, int heightPx, bool lit)
        {
            Span(x, y, widthPx, heightPx, lit ? ModeSet : ModeClear);
        }

        /// <summary>Flips every pixel of a rectangle (selection bars, the overflow cue).</summary>
        public void InvertRect(int x, int y, int widthPx, int heightPx)
        {
            Span(x, y, widthPx, heightPx, ModeInvert);
        }

        /// <summary>A one-pixel outline.</summary>
        public void DrawRect(int x, int y, int widthPx, int heightPx, bool lit)
        {
            FillRect(x, y, widthPx, 1, lit);
            FillRect(x, y + heightPx - 1, widthPx, 1, lit);
            FillRect(x, y, 1, heightPx, lit);
            FillRect(x + widthPx - 1, y, 1, heightPx, lit);
        }

        /// <summary>
        /// Draws column-major bitmap bytes (a glyph): column c occupies bytes offset + c * pagesPerColumn ..,
        /// bit 0 of the first byte at the top, as the panel stores pages. Set bits become lit (or unlit when
        /// <paramref name="lit"/> is false, for text on a lit bar); clear bits leave the picture alone. At a y
        /// on a page boundary each byte is one OR; elsewhere it is split over two pages by shifts.
        /// </summary>
        public void DrawColumns(byte[] columns, int offset, int widthPx, int pagesPerColumn, int x, int y, bool lit)
        {
            // Few locals: this is the deepest point of all drawing, and every local is a 24-byte slot of a call frame
            // nanoCLR needs in one free piece of its heap (docs/memory.md, "Fragmentation").
            for (int column = x; column < x + widthPx; column++)
            {
                if (column < 0 || column >= WidthPx) continue;
                for (int p = 0; p < pagesPerColumn; p++)
                {
                    int bits = columns[offset + (column - x) * pagesPerColumn + p] << (y & 7);
                    // The byte's low part on its page, the high part (off a page boundary) on the next. Written out
                    // here, not a call per part: nanoCLR keeps every call's frame on the managed heap.
                    for (int next = 0; next < ((y & 7) == 0 ? 1 : 2); next++)
                    {
                        int page = (y >> 3) + p + next; // arithmetic shift: a negative y gives negative pages, clipped
                        int part = (bits >> (8 * next)) & 0xFF;
                        if (part == 0 || page < 0 || page >= PageCount) continue;
                        if (lit) _bytes[column + page * BytesPerPage] |= (byte)part;
                        else _bytes[column + page * BytesPerPage] &= (byte)~part;
                        _touchedPages |= 1 << page;
                    }
                }
            }
        }

        /// <summary>Fills every page with one byte on even columns and another on odd ones (test patterns).</summary>
        public void FillPages(byte evenColumns, byte oddColumns)
        {
            for (int i = 0; i < ByteCount; i += 2)
            {
                _bytes[i] = evenColumns;
                _bytes[i + 1] = oddColumns;
            }
            _touchedPages = AllPages;
        }

        /// <summary>Copies another frame (whole-screen test patterns, snapshots).</summary>
        public void CopyFrom(byte[] source, int offset)
        {
            Array.Copy(source, offset, _bytes, 0, ByteCount);
            _touchedPages = AllPages;
        }

        private const int ModeSet = 0;
        private const int ModeClear = 1;
        private const int ModeInvert = 2;

        private void Span(int x, int y, int widthPx, int heightPx, int mode)
        {
            // The parameters become the clipped bounds, not locals of their own: every local is a 24-byte slot of a
            // call frame that nanoCLR needs in one free piece of its heap (docs/memory.md, "Fragmentation").
            widthPx = x + widthPx > WidthPx ? WidthPx : x + widthPx;      // from here: the right edge, exclusive
            heightPx = y + heightPx > HeightPx ? HeightPx : y + heightPx; // from here: the bottom edge, exclusive
            if (x < 0) x = 0;
            if (y < 0) y = 0;
            if (x >= widthPx || y >= heightPx) return;
            for (int page = y >> 3; page <= (heightPx - 1) >> 3; page++)
            {
                int pageTop = page * PageHeightPx;
                // The rows of this page inside [y, bottom): from (y - pageTop, or 0) up to (bottom - pageTop, or 8).
                byte mask = (byte)(((1 << (heightPx < pageTop + PageHeightPx ? heightPx - pageTop : PageHeightPx)) - 1)
                    & ~((1 << (y > pageTop ? y - pageTop : 0)) - 1));
                for (int index = page * BytesPerPage + x; index < page * BytesPerPage + widthPx; index++)
                {
                    if (mode == ModeSet) _bytes[index] |= mask;
                    else if (mode == ModeClear) _bytes[index] &= (byte)~mask;
                    else _bytes[index] ^= mask;
                }
                _touchedPages |= 1 << page;
            }
        }
    }
}
