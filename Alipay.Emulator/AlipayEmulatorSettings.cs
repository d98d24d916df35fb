using Gateway.Acquirers.Alipay;

namespace Alipay.Emulator;

/// <summary>Who the emulated Alipay serves and how it checks and signs.</summary>
public sealed class AlipayEmulatorSettings
{
    /// <summary>The one partner this emulator knows (16 digits beginning with 2088).</summary>
    public string PartnerId { get; set; } = "2088000000000001";

    public AlipaySignType SignType { get; set; } = AlipaySignType.RSA2;

    /// <summary>The partner's public key (PEM) that request signatures must verify against (RSA2).</summary>
    public string PartnerPublicKeyPem { get; set; } = "";

    /// <summary>The shared key (MD5 partners).</summary>
    public string Md5Key { get; set; } = "";

    /// <summary>The emulator's own signing key (PEM); a fresh 2048-bit key is generated when empty.</summary>
    public string AlipayPrivateKeyPem { get; set; } = "";

    /// <summary>127.0.0.1 port; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Seeds trade numbers, codes, notify ids and random faults, so a run repeats exactly.</summary>
    public int Seed { get; set; } = 1;

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>A request whose timestamp is older (or further ahead) than this is refused ("the request expires in 30 minutes").</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromMinutes(30);
}
