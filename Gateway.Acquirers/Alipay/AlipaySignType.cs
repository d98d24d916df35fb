namespace Gateway.Acquirers.Alipay;

/// <summary>How a partner's requests and Alipay's answers are signed (sign_type, upper case on the wire).</summary>
public enum AlipaySignType
{
    /// <summary>SHA256withRSA over the signing content, base64 (the default; Alipay recommends it).</summary>
    RSA2,

    /// <summary>Lowercase hex MD5 of the signing content followed by the partner's MD5 key (legacy partner set-ups).</summary>
    MD5,
}
