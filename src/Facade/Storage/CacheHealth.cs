namespace Facade.Storage;

/// <summary>
/// Whether the cache can currently take new entries. A full or failing volume degrades the
/// facade to verified streaming without caching; that is logged once when it starts and once
/// when it ends, never per request, and readiness reports it.
/// </summary>
internal sealed class CacheHealth(ILogger log)
{
    private string? _degraded;

    /// <summary>Why the cache cannot write, or null when it can.</summary>
    public string? DegradedReason => Volatile.Read(ref _degraded);

    public void MarkDegraded(string reason)
    {
        if (Interlocked.Exchange(ref _degraded, reason) is null) StorageLog.Degraded(log, reason);
    }

    public void MarkHealthy()
    {
        if (DegradedReason is not null && Interlocked.Exchange(ref _degraded, null) is not null) StorageLog.Recovered(log);
    }
}
