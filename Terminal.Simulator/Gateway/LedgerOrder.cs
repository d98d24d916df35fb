namespace Terminal.Simulator.Gateway
{
    /// <summary>A copy of one order as the emulator's ledger holds it (what tests compare the terminal with).</summary>
    public sealed record LedgerOrder(
        string OrderId,
        string TerminalId,
        long AmountMinor,
        string Currency,
        string Status,
        string Code,
        long ExpiresAtUnixSeconds,
        int CreateRequests,
        bool Created,
        int Payments,
        int CancelRequests,
        long PaidAtStopwatchTimestamp);
}
