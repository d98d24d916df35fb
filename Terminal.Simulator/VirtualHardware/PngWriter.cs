using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Terminal.Simulator.VirtualHardware
{
    /// <summary>
    /// A minimal PNG encoder for the panel picture: 8-bit greyscale, filter 0 on every row, zlib via
    /// ZLibStream, chunk CRC-32 as in the PNG specification (ISO/IEC 15948, Annex D). Deterministic bytes
    /// for the same pixels, so reference images compare byte for byte too.
    /// </summary>
    public static class PngWriter
    {
        public const byte LitGrey = 0xFF;
        public const byte DarkGrey = 0x00;

        private static readonly byte[] Signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        private static readonly uint[] CrcTable = BuildCrcTable();

        /// <summary>Encodes lit/unlit pixels (row-major) scaled up by an integer factor.</summary>
        public static byte[] Monochrome(bool[] lit, int widthPx, int heightPx, int scale)
        {
            if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale));
            int w = widthPx * scale, h = heightPx * scale;
            byte[] raw = new byte[h * (w + 1)];
            for (int y = 0; y < h; y++)
            {
                int row = y * (w + 1);
                raw[row] = 0; // filter type None
                for (int x = 0; x < w; x++)
                    raw[row + 1 + x] = lit[(y / scale) * widthPx + x / scale] ? LitGrey : DarkGrey;
            }
            using var png = new MemoryStream();
            png.Write(Signature);
            byte[] header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), w);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), h);
            header[8] = 8; // bit depth
            header[9] = 0; // colour type greyscale
            WriteChunk(png, "IHDR", header);
            using (var compressed = new MemoryStream())
            {
                using (var z = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) z.Write(raw);
                WriteChunk(png, "IDAT", compressed.ToArray());
            }
            WriteChunk(png, "IEND", Array.Empty<byte>());
            return png.ToArray();
        }

        /// <summary>Reads back a PNG written by <see cref="Monochrome"/> (greyscale, filter 0) as lit pixels.</summary>
        public static bool[] ReadMonochrome(byte[] png, out int widthPx, out int heightPx)
        {
            widthPx = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
            heightPx = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
            using var idat = new MemoryStream();
            int at = 8;
            while (at < png.Length)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
                string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
                if (type == "IDAT") idat.Write(png, at + 8, length);
                at += 12 + length;
            }
            idat.Position = 0;
            using var z = new ZLibStream(idat, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            z.CopyTo(raw);
            byte[] bytes = raw.ToArray();
            var lit = new bool[widthPx * heightPx];
            for (int y = 0; y < heightPx; y++)
            {
                if (bytes[y * (widthPx + 1)] != 0) throw new InvalidDataException("only filter type 0 is read");
                for (int x = 0; x < widthPx; x++) lit[y * widthPx + x] = bytes[y * (widthPx + 1) + 1 + x] >= 0x80;
            }
            return lit;
        }

        private static void WriteChunk(Stream png, string type, byte[] data)
        {
            Span<byte> word = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
            png.Write(word);
            byte[] typeBytes = { (byte)type[0], (byte)type[1], (byte)type[2], (byte)type[3] };
            png.Write(typeBytes);
            png.Write(data);
            uint crc = Crc32(0xFFFFFFFFu, typeBytes);
            crc = Crc32(crc, data) ^ 0xFFFFFFFFu;
            BinaryPrimitives.WriteUInt32BigEndian(word, crc);
            png.Write(word);
        }

        private static uint Crc32(uint crc, byte[] data)
        {
            foreach (byte b in data) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }
    }
}
