using System.Diagnostics.Metrics;
using Facade.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Redis;

/// <summary>
/// The Redis components wired as the facade wires them, plus what tests observe: the log lines
/// of the gate and the failure counter of this context's own meter.
/// </summary>
internal sealed class RedisTestContext : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private long _failures;

    public RedisTestContext(string? configuration, string keyPrefix = "")
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "facade_redis_failures_total" && ReferenceEquals(instrument.Meter.Scope, meters))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _failures, value));
        _listener.Start();

        Options = new RedisOptions { Configuration = configuration, KeyPrefix = keyPrefix };
        Redis = new AdvisoryRedis(Microsoft.Extensions.Options.Options.Create(Options), Log, meters);
        Cids = new RedisCidCache(Redis);
        State = new RedisSharedState(Redis, NullLogger<RedisSharedState>.Instance);
    }

    public RedisOptions Options { get; }
    public CapturingLogger<AdvisoryRedis> Log { get; } = new();
    public AdvisoryRedis Redis { get; }
    public RedisCidCache Cids { get; }
    public RedisSharedState State { get; }
    public long Failures => Interlocked.Read(ref _failures);

    public async ValueTask DisposeAsync()
    {
        await Redis.DisposeAsync();
        _listener.Dispose();
        await _services.DisposeAsync();
    }
}
