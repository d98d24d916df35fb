using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gateway.Server.Storage;
using Terminal.Drivers.Timing;

namespace Gateway.Server.Terminals;

/// <summary>
/// Terminals as data: register (a fresh 32-byte key), rotate a key (the previous one accepted for the grace
/// period), disable and enable, and the keys a request from a terminal may be signed with right now.
/// </summary>
public sealed partial class TerminalRegistry
{
    public const int KeyBytes = 32;
    /// <summary>docs/gateway-protocol.md section 2: letters, digits and '-', at most 24 characters.</summary>
    public const int MaxTerminalIdChars = 24;

    private readonly IGatewayStore _store;
    private readonly TerminalKeyProtector _protector;
    private readonly IWallClock _clock;
    private readonly int _graceSeconds;

    public TerminalRegistry(IGatewayStore store, TerminalKeyProtector protector, IWallClock clock, int rotationGraceSeconds)
    {
        _store = store;
        _protector = protector;
        _clock = clock;
        _graceSeconds = rotationGraceSeconds;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,24}$")]
    private static partial Regex TerminalIdPattern();

    public static bool IsValidTerminalId(string terminalId) => TerminalIdPattern().IsMatch(terminalId);

    /// <summary>Registers a terminal with a new random key and returns the key (for its provisioning file only).</summary>
    public async Task<byte[]> AddAsync(string terminalId)
    {
        byte[] key = RandomNumberGenerator.GetBytes(KeyBytes);
        await AddWithKeyAsync(terminalId, key);
        return key;
    }

    /// <summary>Registers a terminal whose key was made elsewhere (the simulator's virtual device).</summary>
    public async Task AddWithKeyAsync(string terminalId, byte[] key)
    {
        if (!IsValidTerminalId(terminalId))
            throw new ArgumentException($"terminal id '{terminalId}': 1-{MaxTerminalIdChars} letters, digits or '-'");
        if (key.Length < 16 || key.Length > 64) throw new ArgumentException("a terminal key has 16-64 bytes");
        var terminal = new StoredTerminal(terminalId, _protector.Protect(key), null, null, false, _clock.UnixSeconds, null, null);
        if (!await _store.AddTerminalAsync(terminal))
            throw new InvalidOperationException($"terminal {terminalId} is already registered");
    }

    /// <summary>A new key; the old one keeps working for the grace period so the terminal can be re-provisioned.</summary>
    public async Task<byte[]> RotateAsync(string terminalId)
    {
        byte[] key = RandomNumberGenerator.GetBytes(KeyBytes);
        if (!await _store.RotateKeyAsync(terminalId, _protector.Protect(key), _clock.UnixSeconds + _graceSeconds))
            throw new InvalidOperationException($"no terminal {terminalId}");
        return key;
    }

    public async Task SetDisabledAsync(string terminalId, bool disabled)
    {
        if (!await _store.SetDisabledAsync(terminalId, disabled)) throw new InvalidOperationException($"no terminal {terminalId}");
    }

    /// <summary>The keys that may sign this terminal's requests now: the current one, then the previous within its grace.</summary>
    public byte[][] AcceptedKeys(StoredTerminal terminal)
    {
        byte[] current = _protector.Unprotect(terminal.ProtectedKey);
        if (terminal.PreviousProtectedKey == null || terminal.PreviousKeyValidUntilUnix is not long until || _clock.UnixSeconds >= until)
            return new[] { current };
        return new[] { current, _protector.Unprotect(terminal.PreviousProtectedKey) };
    }
}
