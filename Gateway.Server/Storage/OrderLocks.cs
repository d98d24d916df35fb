namespace Gateway.Server.Storage;

/// <summary>
/// In-process locks by order id: a fixed set of semaphores chosen by the id's hash (two ids may share one; that
/// only makes them take turns). The stores build <see cref="IGatewayStore.LockOrderAsync"/> on it; PostgreSQL adds
/// an advisory lock for the other instances.
/// </summary>
public sealed class OrderLocks
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the order's lock; disposing the answer releases it.</summary>
    public async Task<IAsyncDisposable> EnterAsync(string orderId, CancellationToken ct = default)
    {
        SemaphoreSlim stripe = _stripes[(StringComparer.Ordinal.GetHashCode(orderId) & 0x7fffffff) % Stripes];
        await stripe.WaitAsync(ct).ConfigureAwait(false);
        return new Held(stripe);
    }

    private sealed class Held(SemaphoreSlim stripe) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
            return ValueTask.CompletedTask;
        }
    }
}
