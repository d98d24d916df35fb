using Gateway.Acquirers.Alipay;

namespace Gateway.Server.Acquiring;

/// <summary>Turns the configured Alipay section into the connector's options: keys read from files, the default notify_url.</summary>
public static class AlipaySettings
{
    /// <summary>
    /// A copy of <paramref name="configured"/> with each key as PEM text (a value that is not PEM names a file to
    /// read) and NotifyUrl defaulted to <paramref name="ownNotifyUrl"/>; validated. Errors name the setting, never a key.
    /// </summary>
    public static AlipayOptions Resolve(AlipayOptions configured, string ownNotifyUrl)
    {
        var resolved = new AlipayOptions
        {
            PartnerId = configured.PartnerId,
            PrivateKeyPem = PemOrFile(configured.PrivateKeyPem, "PrivateKeyPem"),
            AlipayPublicKeyPem = PemOrFile(configured.AlipayPublicKeyPem, "AlipayPublicKeyPem"),
            Md5Key = configured.Md5Key,
            SignType = configured.SignType,
            GatewayUrl = configured.GatewayUrl,
            NotifyUrl = string.IsNullOrWhiteSpace(configured.NotifyUrl) ? ownNotifyUrl : configured.NotifyUrl,
            SettlementCurrency = configured.SettlementCurrency,
            ExtendParamsJson = configured.ExtendParamsJson,
            RequestTimeout = configured.RequestTimeout,
        };
        resolved.Validate();
        return resolved;
    }

    private static string PemOrFile(string value, string setting)
    {
        if (value.Length == 0 || value.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal)) return value;
        if (!File.Exists(value)) throw new ArgumentException("Gateway:Alipay:" + setting + " is neither PEM text nor the path of a readable file");
        return File.ReadAllText(value);
    }
}
