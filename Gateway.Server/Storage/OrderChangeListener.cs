using Gateway.Server.Protocol;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Gateway.Server.Storage;

/// <summary>
/// One LISTEN connection per instance: every order status change committed by any instance (the trigger's
/// NOTIFY) wakes the long polls held here at once. When the connection drops it wakes every waiter (they
/// re-read the ledger, so nothing missed meanwhile is lost) and reconnects.
/// </summary>
public sealed class OrderChangeListener : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly OrderSignals _signals;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    public OrderChangeListener(string connectionString, OrderSignals signals, ILogger log)
    {
        _connectionString = connectionString;
        _signals = signals;
        _log = log;
    }

    /// <summary>Starts listening; completes once the first LISTEN is in place.</summary>
    public Task StartAsync()
    {
        _loop = Task.Run(RunAsync);
        return _listening.Task;
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(_stop.Token);
                connection.Notification += (_, e) => _signals.Notify(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN " + PostgresGatewayStore.ChangeChannel, connection))
                    await listen.ExecuteNonQueryAsync(_stop.Token);
                _signals.NotifyAll();
                _listening.TrySetResult();
                while (true) await connection.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogWarning("order change listener lost its connection ({Message}); reconnecting", e.Message);
                _signals.NotifyAll();
                try
                {
                    await Task.Delay(500, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
