using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Server.Protocol;
using Terminal.Gateway;

namespace Gateway.Server.Load;

/// <summary>
/// A minimal signing protocol client (one terminal's id and key) for the load command and the crash test:
/// signs each request, checks each answer's signature over its own nonce, returns status, JSON and whether
/// the answer was signed over this request.
/// Not the firmware's client (that one is tested end to end); this one only has to be a correct one.
/// </summary>
public sealed class ProtocolClient
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly byte[] _key;

    public ProtocolClient(HttpClient http, string baseUrl, string terminalId, byte[] key)
    {
        _http = http;
        _baseUrl = baseUrl;
        TerminalId = terminalId;
        _key = key;
    }

    public string TerminalId { get; }

    public sealed record Answer(int Status, JsonElement Body, bool SignatureValid)
    {
        public string? Error => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out JsonElement e) ? e.GetString() : null;
        public string? OrderStatus => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("status", out JsonElement s) ? s.GetString() : null;
        public string? Code => Body.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;
    }

    public Task<Answer> CreateAsync(string orderId, long amountMinor, string currency, int expirySeconds, CancellationToken ct = default) =>
        SendAsync(GatewayPaths.Create, JsonSerializer.Serialize(new { orderId, amountMinor, currency, expirySeconds }), ct);

    public Task<Answer> WaitAsync(string orderId, int holdMs, CancellationToken ct = default) =>
        SendAsync(GatewayPaths.Wait, JsonSerializer.Serialize(new { orderId, holdMs }), ct);

    public Task<Answer> QueryAsync(string orderId, CancellationToken ct = default) =>
        SendAsync(GatewayPaths.Query, JsonSerializer.Serialize(new { orderId }), ct);

    public Task<Answer> PingAsync(CancellationToken ct = default) => SendAsync(GatewayPaths.Ping, "{}", ct);

    /// <summary>Sends one signed request; tests may fix the nonce and timestamp (to replay one, or to be stale).</summary>
    public async Task<Answer> SendAsync(string path, string json, CancellationToken ct = default, string? nonce = null, long? timestampUnix = null)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        string timestamp = (timestampUnix ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        nonce ??= ProtocolSigning.NewNonce();
        using var request = new HttpRequestMessage(HttpMethod.Post, _baseUrl + path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(GatewayPaths.TerminalHeader, TerminalId);
        request.Headers.Add(GatewayPaths.TimestampHeader, timestamp);
        request.Headers.Add(GatewayPaths.NonceHeader, nonce);
        request.Headers.Add(GatewayPaths.SignatureHeader, ProtocolSigning.RequestSignature(_key, TerminalId, "POST", path, timestamp, nonce, body));
        using HttpResponseMessage response = await _http.SendAsync(request, ct);
        byte[] answer = await response.Content.ReadAsByteArrayAsync(ct);
        string expected = ProtocolSigning.ResponseSignature(_key, TerminalId, (int)response.StatusCode, "POST", path, nonce,
            Header(response, GatewayPaths.TimestampHeader), Header(response, GatewayPaths.NonceHeader), answer);
        bool signed = ProtocolSigning.SignaturesEqual(expected, Header(response, GatewayPaths.SignatureHeader));
        using var doc = JsonDocument.Parse(answer);
        return new Answer((int)response.StatusCode, doc.RootElement.Clone(), signed);
    }

    /// <summary>The development wallet pays a code (unsigned, 3.7): the HTTP status.</summary>
    public static async Task<int> PayAsync(HttpClient http, string baseUrl, string code, CancellationToken ct = default)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { code }), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(baseUrl + "/wallet/pay", content, ct);
        return (int)response.StatusCode;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : "";
}
