using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Daemon.InWorkspace;

/// <summary>
/// The per-workspace call budget: PrepareForUserNS, EvacuateCGroup and Teardown (shared with
/// WipingTeardown) succeed once in a workspace's life; every other method draws from a token bucket.
/// </summary>
internal sealed class WorkspaceRateLimiter(InWorkspaceOptions options) : IDisposable
{
    private static readonly Dictionary<string, string> OnceKeys = new(StringComparer.Ordinal)
    {
        ["PrepareForUserNS"] = "PrepareForUserNS",
        ["EvacuateCGroup"] = "EvacuateCGroup",
        ["Teardown"] = "Teardown",
        ["WipingTeardown"] = "Teardown",
    };

    private readonly ConcurrentDictionary<string, byte> used = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one call of <paramref name="method"/> from the budget; false when it is exhausted.</summary>
    public bool TryAcquire(string method)
    {
        if (OnceKeys.TryGetValue(method, out var key))
        {
            return used.TryAdd(key, 0);
        }

        using var lease = buckets.GetOrAdd(method, Create).AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var bucket in buckets.Values)
        {
            bucket.Dispose();
        }
    }

    private TokenBucketRateLimiter Create(string method)
    {
        var limit = options.RateLimits.GetValueOrDefault(method) ?? options.DefaultRateLimit;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.TokensPerPeriod,
            ReplenishmentPeriod = limit.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
