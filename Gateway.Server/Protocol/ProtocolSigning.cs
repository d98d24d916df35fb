using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Server.Protocol;

/// <summary>
/// The canonical texts and HMAC of docs/gateway-protocol.md section 2, written from the doc on .NET's own
/// cryptography (independently of the firmware's Sha256/HmacSha256, so a bug there cannot hide here).
/// </summary>
public static class ProtocolSigning
{
    public static string RequestSignature(byte[] key, string terminalId, string method, string path, string timestamp,
        string nonce, ReadOnlySpan<byte> body) =>
        Hmac(key, "GW1-REQ\n" + terminalId + "\n" + method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + HexSha256(body));

    public static string ResponseSignature(byte[] key, string terminalId, int status, string method, string path,
        string requestNonce, string timestamp, string nonce, ReadOnlySpan<byte> body) =>
        Hmac(key, "GW1-RES\n" + terminalId + "\n" + status.ToString("D3", CultureInfo.InvariantCulture) + "\n" + method + "\n" + path
                  + "\n" + requestNonce + "\n" + timestamp + "\n" + nonce + "\n" + HexSha256(body));

    /// <summary>Constant-time comparison of two hex signatures.</summary>
    public static bool SignaturesEqual(string expected, string received) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(received));

    /// <summary>16 lowercase hex characters from the system's cryptographic generator.</summary>
    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    private static string Hmac(byte[] key, string canonical) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(canonical)));
}
