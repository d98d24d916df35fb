using System;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using ZXing;
using ZXing.Common;

namespace Terminal.Simulator
{
    /// <summary>
    /// The tourist's phone: reads the QR code from what the panel's glass shows (lit pixels light, unlit
    /// pixels dark, as a camera sees an OLED) with ZXing.Net, then pays it at the wallet endpoint as a wallet
    /// backend would. It knows nothing of the terminal's memory: only pixels.
    /// </summary>
    public sealed class TouristPhone : IDisposable
    {
        /// <summary>Camera pixels per panel pixel; a phone sees the panel much larger than 1:1.</summary>
        public const int CameraScale = 4;

        /// <summary>Dark border around the glass (the bezel) in camera pixels.</summary>
        public const int BezelPx = 16;

        private readonly HttpClient _http;
        private static int _gridReads;

        /// <summary>How often the finder detector missed and the lit square's grid was read directly (all phones).</summary>
        public static int GridReads => System.Threading.Volatile.Read(ref _gridReads);

        public TouristPhone(string gatewayBaseUrl)
        {
            _http = new HttpClient { BaseAddress = new Uri(gatewayBaseUrl), Timeout = TimeSpan.FromSeconds(10) };
        }

        public sealed record PayResult(bool Paid, string? Code, string? Error, int HttpStatus);

        /// <summary>Decodes a QR code from the glass; null when no code can be read.</summary>
        public static string? ReadCode(Func<int, int, bool> glassPixel, int widthPx, int heightPx)
        {
            int w = widthPx * CameraScale + 2 * BezelPx;
            int h = heightPx * CameraScale + 2 * BezelPx;
            byte[] luminance = new byte[w * h]; // 0 = dark: the bezel and unlit pixels
            for (int y = 0; y < heightPx; y++)
            for (int x = 0; x < widthPx; x++)
            {
                if (!glassPixel(x, y)) continue;
                for (int dy = 0; dy < CameraScale; dy++)
                {
                    int row = (BezelPx + y * CameraScale + dy) * w + BezelPx + x * CameraScale;
                    for (int dx = 0; dx < CameraScale; dx++) luminance[row + dx] = 255;
                }
            }
            return Decode(luminance, w, h);
        }

        /// <summary>
        /// Reads a QR code from a camera image (luminance, 0 = dark) as a phone's scanner would try it: the whole
        /// frame with a local and then a global threshold, then the lit square's grid read directly. ZXing's finder
        /// detector misses a few valid symbols (the QR tests saw about 1% of clean synthetic images, even with
        /// ZXing's own mask; <see cref="GridReads"/> counts it here), which the last try reads.
        /// </summary>
        public static string? Decode(byte[] luminance, int width, int height)
        {
            var source = new PlanarYUVLuminanceSource(luminance, width, height, 0, 0, width, height, false);
            var hints = new System.Collections.Generic.Dictionary<DecodeHintType, object>
            {
                [DecodeHintType.TRY_HARDER] = true,
                [DecodeHintType.CHARACTER_SET] = "UTF-8",
            };
            var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)
                ?? new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), hints);
            if (result != null) return result.Text;
            var (left, top, boxWidth, boxHeight) = LightBox(luminance, width, height);
            if (boxWidth == 0) return null;
            // Last try, as a scanner does when it locks onto a lit square: read the square's grid directly.
            System.Threading.Interlocked.Increment(ref _gridReads);
            var cropped = new PlanarYUVLuminanceSource(luminance, width, height, left, top, boxWidth, boxHeight, false);
            hints[DecodeHintType.PURE_BARCODE] = true;
            return new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(cropped)), hints)?.Text;
        }

        /// <summary>
        /// The lit QR box: from the first column with a lit pixel to the first column after it with none (the panel
        /// leaves unlit columns between the box and the text beside it), and the rows lit within it.
        /// </summary>
        private static (int Left, int Top, int Width, int Height) LightBox(byte[] luminance, int width, int height)
        {
            int left = -1, right = -1;
            for (int x = 0; x < width; x++)
            {
                bool anyLit = false;
                for (int y = 0; y < height && !anyLit; y++) anyLit = luminance[y * width + x] > 127;
                if (anyLit) { if (left < 0) left = x; right = x; }
                else if (left >= 0) break;
            }
            if (left < 0) return (0, 0, 0, 0);
            int top = height, bottom = -1;
            for (int y = 0; y < height; y++)
                for (int x = left; x <= right; x++)
                    if (luminance[y * width + x] > 127) { top = Math.Min(top, y); bottom = Math.Max(bottom, y); }
            return (left, top, right - left + 1, bottom - top + 1);
        }

        /// <summary>Pays a code the way a wallet app would: POST /wallet/pay {"code": ...}.</summary>
        public PayResult Pay(string code)
        {
            string body = JsonSerializer.Serialize(new { code });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/wallet/pay")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            using var response = _http.Send(request);
            string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode) return new PayResult(true, code, null, (int)response.StatusCode);
            string? error = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.TryGetProperty("error", out var e)) error = e.GetString();
            }
            catch (JsonException)
            {
                error = "unreadable answer";
            }
            return new PayResult(false, code, error ?? ("HTTP " + (int)response.StatusCode), (int)response.StatusCode);
        }

        public void Dispose() => _http.Dispose();
    }
}
