using Facade.Metrics;

namespace Facade.Storage;

/// <summary>
/// Keeps the cache under <c>Facade:Cache:MaxBytes</c> by deleting least recently used entries.
/// Past the bound it goes down to 90% of it, so a full cache does not evict on every commit.
/// Readers that hold a file open keep reading after its unlink, so eviction never cuts a
/// response short.
/// </summary>
internal sealed class CacheEvictor(CacheIndex index, long maxBytes, Action<string> onEvicted, FacadeMetrics metrics, ILogger log)
{
    private readonly Lock _lock = new();

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Evicts when the index holds more than the bound.</summary>
    public void EvictIfOver()
    {
        if (index.TotalBytes <= MaxBytes) return;
        TrimTo(MaxBytes / 10 * 9);
    }

    /// <summary>Evicts least recently used entries until the index holds at most <paramref name="target"/> bytes.</summary>
    public void TrimTo(long target)
    {
        lock (_lock)
        {
            foreach (var (path, _) in index.LeastRecentFirst())
            {
                if (index.TotalBytes <= target) break;
                try { File.Delete(path); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    StorageLog.EvictFailed(log, path, e);
                    continue;
                }
                index.Forget(path);
                onEvicted(path);
                metrics.CacheEvicted();
            }
            metrics.CacheBytes(index.TotalBytes);
        }
    }
}
