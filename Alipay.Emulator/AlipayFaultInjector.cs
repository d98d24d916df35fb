namespace Alipay.Emulator;

/// <summary>
/// Chooses the fault for each gateway.do request: first the faults a test queued (each for the next request
/// of a service, or of any service), otherwise, in random mode, from a seeded generator. Thread-safe.
/// </summary>
public sealed class AlipayFaultInjector
{
    private readonly object _lock = new object();
    private readonly List<(AlipayFault Fault, string? Service)> _queue = new();
    private readonly Dictionary<AlipayFault, int> _injected = new();
    private Random? _random;
    private double _probability;
    private AlipayFault[] _randomKinds = Array.Empty<AlipayFault>();

    /// <summary>Queues a fault for the next request of <paramref name="service"/> (null: of any service).</summary>
    public void Enqueue(AlipayFault fault, string? service = null)
    {
        lock (_lock) _queue.Add((fault, service));
    }

    public void EnableRandom(int seed, double probability, params AlipayFault[] kinds)
    {
        if (kinds.Length == 0) throw new ArgumentException("name at least one fault kind", nameof(kinds));
        lock (_lock)
        {
            _random = new Random(seed);
            _probability = probability;
            _randomKinds = kinds;
        }
    }

    public void DisableRandom()
    {
        lock (_lock) _random = null;
    }

    public int InjectedCount(AlipayFault fault)
    {
        lock (_lock) return _injected.TryGetValue(fault, out int n) ? n : 0;
    }

    internal AlipayFault Decide(string service)
    {
        lock (_lock)
        {
            AlipayFault fault = AlipayFault.None;
            int index = _queue.FindIndex(q => q.Service is null || q.Service == service);
            if (index >= 0)
            {
                fault = _queue[index].Fault;
                _queue.RemoveAt(index);
            }
            else if (_random != null && _random.NextDouble() < _probability)
            {
                fault = _randomKinds[_random.Next(_randomKinds.Length)];
            }
            if (fault != AlipayFault.None) _injected[fault] = (_injected.TryGetValue(fault, out int n) ? n : 0) + 1;
            return fault;
        }
    }
}
