namespace Gateway.Acquirers.Alipay;

/// <summary>
/// One merchant's Alipay settings, as the server's configuration holds them. The keys are secrets: they are
/// never logged, and <see cref="ToString"/> shows only whether each is set.
/// </summary>
public sealed class AlipayOptions
{
    /// <summary>The partner id Alipay assigned: 16 digits beginning with 2088.</summary>
    public string PartnerId { get; set; } = "";

    /// <summary>The merchant's RSA private key (PEM, PKCS#8 or PKCS#1) that signs requests (RSA2).</summary>
    public string PrivateKeyPem { get; set; } = "";

    /// <summary>Alipay's RSA public key (PEM) that verifies answers and notifications (RSA2).</summary>
    public string AlipayPublicKeyPem { get; set; } = "";

    /// <summary>The shared MD5 key, only for partners set up with sign_type MD5.</summary>
    public string Md5Key { get; set; } = "";

    public AlipaySignType SignType { get; set; } = AlipaySignType.RSA2;

    /// <summary>gateway.do's address; production: <see cref="AlipayProtocol.ProductionGatewayUrl"/>.</summary>
    public string GatewayUrl { get; set; } = AlipayProtocol.ProductionGatewayUrl;

    /// <summary>Where Alipay posts trade status notifications (the server's public notification endpoint).</summary>
    public string NotifyUrl { get; set; } = "";

    /// <summary>Settlement currency sent as "currency" (the merchant's contract); the sale's currency goes in trans_currency.</summary>
    public string SettlementCurrency { get; set; } = "EUR";

    /// <summary>Optional extend_params JSON (secondary merchant, store_id, ...) exactly as the contract asks.</summary>
    public string ExtendParamsJson { get; set; } = "";

    /// <summary>How long one call may take before its outcome is Unknown.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Refuses settings that cannot work, naming the setting (never its value when it is a key).</summary>
    public void Validate()
    {
        if (PartnerId.Length != 16 || !PartnerId.StartsWith("2088", StringComparison.Ordinal) || !PartnerId.All(char.IsAsciiDigit))
            throw new ArgumentException("Alipay PartnerId must be 16 digits beginning with 2088");
        if (!Uri.TryCreate(GatewayUrl, UriKind.Absolute, out Uri? gateway) || (gateway.Scheme != "https" && !gateway.IsLoopback))
            throw new ArgumentException("Alipay GatewayUrl must be an absolute https URL (plain http only on loopback)");
        if (!Uri.TryCreate(NotifyUrl, UriKind.Absolute, out _))
            throw new ArgumentException("Alipay NotifyUrl must be an absolute URL");
        if (NotifyUrl.Length > 190)
            throw new ArgumentException("Alipay NotifyUrl must be at most 190 characters");
        if (!AlipayAmount.IsSupported(SettlementCurrency))
            throw new ArgumentException("Alipay SettlementCurrency must be one of NOK, SEK, DKK, EUR");
        if (SignType == AlipaySignType.RSA2 && (PrivateKeyPem.Length == 0 || AlipayPublicKeyPem.Length == 0))
            throw new ArgumentException("Alipay sign type RSA2 needs PrivateKeyPem and AlipayPublicKeyPem");
        if (SignType == AlipaySignType.MD5 && Md5Key.Length == 0)
            throw new ArgumentException("Alipay sign type MD5 needs Md5Key");
        if (RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentException("Alipay RequestTimeout must be positive");
    }

    public AlipaySigner CreateSigner() => AlipaySigner.Create(SignType, PrivateKeyPem, AlipayPublicKeyPem, Md5Key);

    public override string ToString() =>
        "AlipayOptions { PartnerId = " + PartnerId + ", SignType = " + SignType + ", GatewayUrl = " + GatewayUrl +
        ", NotifyUrl = " + NotifyUrl + ", PrivateKeyPem = " + Redacted(PrivateKeyPem) +
        ", AlipayPublicKeyPem = " + Redacted(AlipayPublicKeyPem) + ", Md5Key = " + Redacted(Md5Key) + " }";

    private static string Redacted(string secret) => secret.Length == 0 ? "(not set)" : "(set, redacted)";
}
