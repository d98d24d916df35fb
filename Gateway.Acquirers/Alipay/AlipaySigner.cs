using System.Security.Cryptography;
using System.Text;

namespace Gateway.Acquirers.Alipay;

/// <summary>
/// Signs what this side sends and verifies what the other side sends. RSA2: our private key signs
/// (SHA256withRSA, PKCS#1 v1.5, base64), the peer's public key verifies. MD5: one shared key both ways.
/// The key material stays inside; <see cref="ToString"/> names only the sign type.
/// </summary>
public sealed class AlipaySigner : IDisposable
{
    private readonly RSA? _ownPrivateKey;
    private readonly RSA? _peerPublicKey;
    private readonly byte[]? _md5Key;
    private readonly object _lock = new object();

    private AlipaySigner(AlipaySignType signType, RSA? ownPrivateKey, RSA? peerPublicKey, byte[]? md5Key)
    {
        SignType = signType;
        _ownPrivateKey = ownPrivateKey;
        _peerPublicKey = peerPublicKey;
        _md5Key = md5Key;
    }

    public AlipaySignType SignType { get; }

    /// <summary>The wire name of the sign type ("RSA2", "MD5").</summary>
    public string SignTypeName => SignType.ToString();

    /// <summary>RSA2 with our private key (PKCS#8 or PKCS#1 PEM) and the peer's public key (SubjectPublicKeyInfo or PKCS#1 PEM).</summary>
    public static AlipaySigner Rsa2(string ownPrivateKeyPem, string peerPublicKeyPem)
    {
        RSA own = RSA.Create();
        RSA peer = RSA.Create();
        try
        {
            own.ImportFromPem(ownPrivateKeyPem);
            peer.ImportFromPem(peerPublicKeyPem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            own.Dispose();
            peer.Dispose();
            // The exception text of the import could quote the PEM; say only which setting is wrong.
            throw new ArgumentException("the RSA key settings are not valid PEM RSA keys (private key: PKCS#8 or PKCS#1; public key: SubjectPublicKeyInfo or PKCS#1)");
        }
        return new AlipaySigner(AlipaySignType.RSA2, own, peer, null);
    }

    public static AlipaySigner Md5(string md5Key)
    {
        if (string.IsNullOrEmpty(md5Key)) throw new ArgumentException("the MD5 key setting is empty");
        return new AlipaySigner(AlipaySignType.MD5, null, null, Encoding.UTF8.GetBytes(md5Key));
    }

    public static AlipaySigner Create(AlipaySignType signType, string? ownPrivateKeyPem, string? peerPublicKeyPem, string? md5Key) => signType switch
    {
        AlipaySignType.RSA2 => Rsa2(ownPrivateKeyPem ?? throw new ArgumentException("RSA2 needs a private key"), peerPublicKeyPem ?? throw new ArgumentException("RSA2 needs the peer's public key")),
        AlipaySignType.MD5 => Md5(md5Key ?? throw new ArgumentException("MD5 needs the MD5 key")),
        _ => throw new ArgumentOutOfRangeException(nameof(signType)),
    };

    public string Sign(IEnumerable<KeyValuePair<string, string>> parameters) =>
        SignContent(AlipaySignatureContent.Build(parameters));

    public string SignContent(string content)
    {
        byte[] data = Encoding.UTF8.GetBytes(content);
        if (SignType == AlipaySignType.MD5) return Md5Hex(data);
        lock (_lock)
            return Convert.ToBase64String(_ownPrivateKey!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>True only for a well-formed signature by the peer over exactly these parameters.</summary>
    public bool Verify(IEnumerable<KeyValuePair<string, string>> parameters, string? signature) =>
        VerifyContent(AlipaySignatureContent.Build(parameters), signature);

    public bool VerifyContent(string content, string? signature)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        byte[] data = Encoding.UTF8.GetBytes(content);
        if (SignType == AlipaySignType.MD5)
        {
            byte[] expected = Encoding.ASCII.GetBytes(Md5Hex(data));
            byte[] given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
            return CryptographicOperations.FixedTimeEquals(expected, given);
        }
        byte[] raw = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, raw, out int length)) return false;
        lock (_lock)
            return _peerPublicKey!.VerifyData(data, raw.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private string Md5Hex(byte[] content)
    {
        byte[] keyed = new byte[content.Length + _md5Key!.Length];
        content.CopyTo(keyed, 0);
        _md5Key.CopyTo(keyed, content.Length);
        return Convert.ToHexStringLower(MD5.HashData(keyed));
    }

    public override string ToString() => "AlipaySigner(" + SignTypeName + ", keys redacted)";

    public void Dispose()
    {
        _ownPrivateKey?.Dispose();
        _peerPublicKey?.Dispose();
        if (_md5Key != null) CryptographicOperations.ZeroMemory(_md5Key);
    }
}
