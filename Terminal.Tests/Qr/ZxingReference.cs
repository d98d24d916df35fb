using Terminal.Qr;
using Xunit;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;
using ZXing.QrCode.Internal;

namespace Terminal.Tests.Qr;

/// <summary>
/// ZXing.Net 0.16.11 as the independent reference: its encoder (forced version, mask and level, UTF-8 bytes
/// without ECI) and its readers, plus renderers that turn our symbol into luminance images.
/// </summary>
public static class ZxingReference
{
    public static ErrorCorrectionLevel Level(int ecc) => ecc switch
    {
        QrEcc.L => ErrorCorrectionLevel.L,
        QrEcc.M => ErrorCorrectionLevel.M,
        QrEcc.Q => ErrorCorrectionLevel.Q,
        _ => ErrorCorrectionLevel.H,
    };

    /// <summary>ZXing's symbol for the text at a forced version, level and mask: [y][x], true = dark.</summary>
    public static bool[][] Encode(string text, int ecc, int version, int mask)
    {
        var hints = new Dictionary<EncodeHintType, object>
        {
            [EncodeHintType.QR_VERSION] = version,
            [EncodeHintType.QR_MASK_PATTERN] = mask,
            [EncodeHintType.CHARACTER_SET] = "UTF-8",
            [EncodeHintType.DISABLE_ECI] = true,
        };
        var qr = ZXing.QrCode.Internal.Encoder.encode(text, Level(ecc), hints);
        Assert.Equal(version, qr.Version.VersionNumber);
        var matrix = qr.Matrix;
        var rows = new bool[matrix.Height][];
        for (int y = 0; y < matrix.Height; y++)
        {
            rows[y] = new bool[matrix.Width];
            for (int x = 0; x < matrix.Width; x++) rows[y][x] = matrix[x, y] == 1;
        }
        return rows;
    }

    /// <summary>The first module where our symbol and the reference differ, or null if they agree.</summary>
    public static string? FirstDifference(QrCode code, bool[][] reference)
    {
        if (code.Size != reference.Length) return $"size {code.Size} vs {reference.Length}";
        for (int y = 0; y < code.Size; y++)
            for (int x = 0; x < code.Size; x++)
                if (code.GetModule(x, y) != reference[y][x]) return $"module x={x} y={y}: ours {code.GetModule(x, y)}";
        return null;
    }

    /// <summary>Decodes the symbol itself (no image) with ZXing's matrix decoder.</summary>
    public static DecoderResult DecodeMatrix(QrCode code)
    {
        var bits = new BitMatrix(code.Size);
        for (int y = 0; y < code.Size; y++)
            for (int x = 0; x < code.Size; x++)
                if (code.GetModule(x, y)) bits[x, y] = true;
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.CHARACTER_SET] = "UTF-8" };
        return new ZXing.QrCode.Internal.Decoder().decode(bits, hints);
    }

    /// <summary>
    /// A printed-style image: light background, quietZone light modules around, scale px per module,
    /// dark modules 0, light 255.
    /// </summary>
    public static (byte[] Luminance, int Width, int Height) Render(QrCode code, int scale, int quietZone)
    {
        int side = (code.Size + 2 * quietZone) * scale;
        var lum = new byte[side * side];
        for (int py = 0; py < side; py++)
            for (int px = 0; px < side; px++)
                lum[py * side + px] = code.GetModule(px / scale - quietZone, py / scale - quietZone) ? (byte)0 : (byte)255;
        return (lum, side, side);
    }

    /// <summary>
    /// The 128x64 OLED as a camera sees it: unlit (black) panel, the QR box of boxPx at the left lit, dark
    /// modules unlit, the symbol centred in the box at code.Scale. Each panel pixel becomes zoom x zoom image pixels.
    /// </summary>
    public static (byte[] Luminance, int Width, int Height) RenderPanel(QrCode code, int boxPx, int zoom)
    {
        const int panelWidth = 128, panelHeight = 64;
        int symbolPx = code.Size * code.Scale;
        int origin = (boxPx - symbolPx) / 2;
        int width = panelWidth * zoom, height = panelHeight * zoom;
        var lum = new byte[width * height];
        for (int py = 0; py < height; py++)
        {
            for (int px = 0; px < width; px++)
            {
                int x = px / zoom, y = py / zoom;
                bool lit = false;
                if (x < boxPx && y < boxPx)
                {
                    int mx = x - origin, my = y - origin;
                    lit = !(mx >= 0 && my >= 0 && code.GetModule(mx / code.Scale, my / code.Scale));
                }
                lum[py * width + px] = lit ? (byte)255 : (byte)0;
            }
        }
        return (lum, width, height);
    }

    /// <summary>
    /// Reads a QR code from a luminance image as a phone would (binarizer, finder detector, decoder), or null.
    /// ZXing's detector sometimes locks onto finder-like data in a clean synthetic image and misses a symbol
    /// that it encodes identically itself (see Known_payloads_agree_with_zxing_for_every_mask), so a second
    /// binarizer and then the pure-barcode path over the light box are tried before giving up - the same reader
    /// the simulator's tourist phone uses.
    /// </summary>
    public static string? DecodeImage((byte[] Luminance, int Width, int Height) image) =>
        Terminal.Simulator.TouristPhone.Decode(image.Luminance, image.Width, image.Height);
}
