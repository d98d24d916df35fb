using System.Security.Cryptography;

namespace Gateway.Server.Protocol;

/// <summary>
/// The development acquirer's payment codes, shaped like Alipay's: https://qr.alipay.com/bax and 22 lowercase
/// letters and digits (47 characters), drawn from the cryptographic generator (a code is a bearer token).
/// </summary>
public static class OrderCodes
{
    public const string Prefix = "https://qr.alipay.com/bax";
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string NewCode() => Prefix + RandomNumberGenerator.GetString(Alphabet, 22);
}
