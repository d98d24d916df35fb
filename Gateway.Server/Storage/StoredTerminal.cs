namespace Gateway.Server.Storage;

/// <summary>
/// A registered terminal. Keys are stored only as Data Protection ciphertext (<see cref="ProtectedKey"/>);
/// the previous key stays valid until <see cref="PreviousKeyValidUntilUnix"/> after a rotation.
/// </summary>
public sealed record StoredTerminal(
    string TerminalId,
    string ProtectedKey,
    string? PreviousProtectedKey,
    long? PreviousKeyValidUntilUnix,
    bool Disabled,
    long CreatedAtUnix,
    long? LastContactUnix,
    string? FirmwareVersion);
