using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Facade.Redis;

/// <summary>
/// The one gate every Redis call goes through. Redis only ever speeds things up, so a call that
/// cannot be made, fails or takes longer than the operation timeout yields the caller's "miss"
/// value quickly instead of an exception. The first failure of an outage is logged, the return
/// is logged, every failure is counted (<c>facade.redis.failures</c> on the "Facade" meter).
/// </summary>
internal sealed class AdvisoryRedis : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger<AdvisoryRedis> _logger;
    private readonly Counter<long> _failures;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private ConnectionMultiplexer? _connection;
    private int _down;

    public AdvisoryRedis(IOptions<RedisOptions> options, ILogger<AdvisoryRedis> logger, IMeterFactory meters)
    {
        _options = options.Value;
        _logger = logger;
        _failures = meters.Create("Facade").CreateCounter<long>("facade.redis.failures", "{call}",
            "Redis calls that failed, timed out or were skipped because Redis was unavailable");
    }

    /// <summary>Runs <paramref name="call"/> against the (prefixed) database, or returns <paramref name="miss"/>.</summary>
    public Task<T> RunAsync<T>(string operation, Func<IDatabaseAsync, Task<T>> call, T miss, CancellationToken cancellationToken) =>
        RunOnConnectionAsync(operation, connection =>
        {
            var database = connection.GetDatabase();
            if (_options.KeyPrefix.Length > 0) database = database.WithKeyPrefix(_options.KeyPrefix);
            return call(database);
        }, miss, cancellationToken);

    /// <summary>Runs <paramref name="call"/> against the pub/sub side of the connection, or returns <paramref name="miss"/>.</summary>
    public Task<T> RunSubscriberAsync<T>(string operation, Func<ISubscriber, Task<T>> call, T miss, CancellationToken cancellationToken) =>
        RunOnConnectionAsync(operation, connection => call(connection.GetSubscriber()), miss, cancellationToken);

    /// <summary>A pub/sub channel under the key prefix (replicas sharing a prefix share channels).</summary>
    public RedisChannel Channel(string name) => RedisChannel.Literal(_options.KeyPrefix + name);

    /// <summary>True when Redis is configured at all.</summary>
    public bool Enabled => _options.Enabled;

    private async Task<T> RunOnConnectionAsync<T>(string operation, Func<ConnectionMultiplexer, Task<T>> call, T miss, CancellationToken cancellationToken)
    {
        if (!_options.Enabled || cancellationToken.IsCancellationRequested) return miss;
        try
        {
            var connection = _connection ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
            if (!connection.IsConnected)
            {
                Failed(operation, null);
                return miss;
            }
            var result = await call(connection).WaitAsync(_options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _down, 0) == 1) RedisLog.Recovered(_logger);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return miss;
        }
        catch (Exception e)
        {
            // Whatever went wrong, Redis is advisory: the request goes on without it.
            Failed(operation, e);
            return miss;
        }
    }

    /// <summary>Runs a call whose result does not matter (writes).</summary>
    public Task RunAsync(string operation, Func<IDatabaseAsync, Task> call, CancellationToken cancellationToken) =>
        RunAsync(operation, async db => { await call(db).ConfigureAwait(false); return true; }, false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection) await connection.DisposeAsync().ConfigureAwait(false);
        _connectLock.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { } existing) return existing;
            var config = ConfigurationOptions.Parse(_options.Configuration!);
            if (!string.IsNullOrEmpty(_options.Password)) config.Password = _options.Password;
            if (_options.InsecureSkipVerify) config.CertificateValidation += (_, _, _, _) => true;
            // Never fail or queue because Redis is down: connect in the background, fail calls at once.
            config.AbortOnConnectFail = false;
            config.BacklogPolicy = BacklogPolicy.FailFast;
            config.ConnectTimeout = (int)_options.ConnectTimeout.TotalMilliseconds;
            config.AsyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;
            config.SyncTimeout = (int)_options.OperationTimeout.TotalMilliseconds;
            config.ConnectRetry = 1;
            config.ReconnectRetryPolicy = new LinearRetry(500);
            _connection = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
            return _connection;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private void Failed(string operation, Exception? error)
    {
        _failures.Add(1, new KeyValuePair<string, object?>("operation", operation));
        if (Interlocked.Exchange(ref _down, 1) == 0) RedisLog.Unavailable(_logger, operation, error);
    }
}
