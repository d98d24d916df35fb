using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Server.Terminals;

/// <summary>
/// Encrypts terminal keys at rest with ASP.NET Core Data Protection (AES-256-CBC + HMACSHA256 under a key ring
/// in the folder <see cref="GatewayServerOptions.ResolvedKeyRingDirectory"/>): the database alone does not
/// reveal a key. Keys are never logged; they leave the server only in the provisioning file.
/// </summary>
public sealed class TerminalKeyProtector
{
    public const string ApplicationName = "CounterQrGateway";
    private const string Purpose = "Gateway.Server.TerminalKeys.v1";
    private readonly IDataProtector _protector;

    public TerminalKeyProtector(IDataProtectionProvider provider)
    {
        _protector = provider.CreateProtector(Purpose);
    }

    public string Protect(byte[] key) => Convert.ToBase64String(_protector.Protect(key));

    public byte[] Unprotect(string protectedKey) => _protector.Unprotect(Convert.FromBase64String(protectedKey));

    /// <summary>The Data Protection services the server and the terminals command share (same key ring).</summary>
    public static IDataProtectionProvider CreateProvider(GatewayServerOptions options) =>
        DataProtectionProvider.Create(KeyRingDirectory(options), builder => builder.SetApplicationName(ApplicationName));

    /// <summary>
    /// The key ring folder, created readable by this user only: whoever reads it and the database can decrypt
    /// the terminal keys (Data Protection stores its master keys unencrypted unless an XML encryptor is set up).
    /// </summary>
    public static DirectoryInfo KeyRingDirectory(GatewayServerOptions options)
    {
        DirectoryInfo folder = Directory.CreateDirectory(options.ResolvedKeyRingDirectory);
        if (!OperatingSystem.IsWindows()) folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        return folder;
    }
}
