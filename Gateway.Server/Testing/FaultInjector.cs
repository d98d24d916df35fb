using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Gateway.Server.Testing
{
    /// <summary>
    /// Chooses the fault for each terminal request (paths under /v1/): first from the queue of faults the test
    /// put there (each for the next request whose path starts with a prefix), otherwise, in random mode, from a
    /// seeded generator - so a sequential test sees the same faults on every run. Thread-safe.
    /// </summary>
    public sealed class FaultInjector
    {
        private readonly object _lock = new object();
        private readonly List<(GatewayFault Fault, string PathPrefix)> _queue = new();
        private Random? _random;
        private double _probability;
        private GatewayFault[] _randomKinds = Array.Empty<GatewayFault>();
        private readonly Dictionary<GatewayFault, int> _injected = new();

        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// The longest <see cref="GatewayFault.Delay"/> holds a request. It ends earlier when the terminal gives up on
        /// the request (its connection closes) or when the test calls <see cref="ReleaseDelayed"/>, so tests decide
        /// the order of events instead of racing a timer.
        /// </summary>
        public int DelayMs { get; set; } = 200;

        /// <summary>Ends every delay in progress now (the delayed requests are then handled).</summary>
        public void ReleaseDelayed()
        {
            TaskCompletionSource released;
            lock (_lock)
            {
                released = _release;
                _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            released.TrySetResult();
        }

        /// <summary>Holds a delayed request: DelayMs at most, less when released or when the terminal gave up.</summary>
        internal async Task HoldAsync(CancellationToken terminalGaveUp)
        {
            Task released;
            lock (_lock) released = _release.Task;
            try
            {
                await Task.WhenAny(released, Task.Delay(DelayMs, terminalGaveUp)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The terminal gave up: the request is handled (committed) all the same, as a real gateway would.
            }
        }

        /// <summary>Queues a fault for the next request whose path starts with the prefix ("/v1/" = any).</summary>
        public void Enqueue(GatewayFault fault, string pathPrefix = "/v1/")
        {
            lock (_lock) _queue.Add((fault, pathPrefix));
        }

        /// <summary>From now on, each request without a queued fault gets one of the kinds with this probability.</summary>
        public void EnableRandom(int seed, double probability, params GatewayFault[] kinds)
        {
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

        public void ClearQueue()
        {
            lock (_lock) _queue.Clear();
        }

        /// <summary>How many times each fault was injected so far.</summary>
        public int InjectedCount(GatewayFault fault)
        {
            lock (_lock) return _injected.TryGetValue(fault, out int n) ? n : 0;
        }

        public GatewayFault Decide(string path)
        {
            lock (_lock)
            {
                GatewayFault fault = GatewayFault.None;
                int index = _queue.FindIndex(q => path.StartsWith(q.PathPrefix, StringComparison.Ordinal));
                if (index >= 0)
                {
                    fault = _queue[index].Fault;
                    _queue.RemoveAt(index);
                }
                else if (_random != null && _randomKinds.Length > 0 && _random.NextDouble() < _probability)
                {
                    fault = _randomKinds[_random.Next(_randomKinds.Length)];
                }
                if (fault != GatewayFault.None) _injected[fault] = InjectedCount(fault) + 1;
                return fault;
            }
        }
    }
}
