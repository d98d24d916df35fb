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
            var source = new PlanarYUVLuminanceSource(luminance, w, h, 0, 0, w, h, false);
            var hints = new System.Collections.Generic.Dictionary<DecodeHintType, object>
            {
                [DecodeHintType.TRY_HARDER] = true,
                [DecodeHintType.POSSIBLE_FORMATS] = new[] { BarcodeFormat.QR_CODE },
            };
            try
            {
                var result = new ZXing.QrCode.QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
                return result?.Text;
            }
            catch (ReaderException)
            {
                return null;
            }
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
