using System.Collections.Concurrent;

namespace Gateway.Server.Protocol;

/// <summary>
/// Wakes the long polls held on an order the moment its status changes. A waiter subscribes first and reads
/// the order second, so a change between the two is never missed. The stores call <see cref="Notify"/> after
/// their own changes; on PostgreSQL the LISTEN connection calls it for every instance's changes.
/// </summary>
public sealed class OrderSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next change of this order.</summary>
    public Task NextChange(string orderId) =>
        _signals.GetOrAdd(orderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Orders a signal is held for (each one until the order's next change, or until it is forgotten).</summary>
    public int OrdersWatched => _signals.Count;

    /// <summary>
    /// Drops the signal of an order that will not change any more (final, or unknown here), so a wait on such an
    /// order leaves nothing behind; anyone else waiting on it reads the same final answer.
    /// </summary>
    public void Forget(string orderId)
    {
        if (_signals.TryGetValue(orderId, out TaskCompletionSource? signal))
            _signals.TryRemove(new KeyValuePair<string, TaskCompletionSource>(orderId, signal));
    }

    public void Notify(string orderId)
    {
        if (_signals.TryRemove(orderId, out TaskCompletionSource? signal)) signal.TrySetResult();
    }

    /// <summary>Wakes every waiter (after the LISTEN connection was lost: changes may have been missed).</summary>
    public void NotifyAll()
    {
        foreach (string orderId in _signals.Keys) Notify(orderId);
    }
}
