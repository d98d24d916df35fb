using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gateway.Server.Storage;

namespace Gateway.Server.Merchant;

/// <summary>
/// The merchant's login: one password, stored only as a salted PBKDF2-HMAC-SHA256 hash (600,000 iterations,
/// OWASP's figure) in the store's settings, compared in constant time.
/// </summary>
public sealed class MerchantAccount
{
    public const string PasswordSetting = "merchant.password";
    public const int MinPasswordChars = 10;
    private const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly IGatewayStore _store;

    public MerchantAccount(IGatewayStore store)
    {
        _store = store;
    }

    public async Task<bool> HasPasswordAsync() => await _store.GetSettingAsync(PasswordSetting) != null;

    public async Task SetPasswordAsync(string password)
    {
        if (password.Length < MinPasswordChars) throw new ArgumentException($"the password needs at least {MinPasswordChars} characters");
        await _store.SetSettingAsync(PasswordSetting, Hash(password));
    }

    /// <summary>Sets a random password when none is set yet and returns it (printed once at first start), else null.</summary>
    public async Task<string?> EnsurePasswordAsync()
    {
        if (await HasPasswordAsync()) return null;
        string password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 16);
        await SetPasswordAsync(password);
        return password;
    }

    public async Task<bool> VerifyAsync(string password)
    {
        string? stored = await _store.GetSettingAsync(PasswordSetting);
        return stored != null && Verify(stored, password);
    }

    public static string Hash(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return "pbkdf2-sha256$" + Iterations.ToString(CultureInfo.InvariantCulture) + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
    }

    public static bool Verify(string stored, string password)
    {
        string[] parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations))
            return false;
        byte[] salt = Convert.FromBase64String(parts[2]);
        byte[] expected = Convert.FromBase64String(parts[3]);
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
