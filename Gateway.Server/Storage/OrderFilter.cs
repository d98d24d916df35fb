namespace Gateway.Server.Storage;

/// <summary>Which orders the merchant's page lists: all, or one terminal's, or one UTC day's (created then).</summary>
public sealed record OrderFilter(string? TerminalId = null, DateOnly? Day = null, int Limit = 500);
