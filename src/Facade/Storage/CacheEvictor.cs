using Facade.Metrics;

namespace Facade.Storage;

/// <summary>
/// Keeps the cache under <c>Facade:Cache:MaxBytes</c> by deleting least recently used entries.
/// What counts is the index plus the bytes reserved by temp files being written, so room is made
/// before a fill writes, not after the disk filled. Past the bound it goes down to 90% of it, so
/// a full cache does not evict on every commit. Readers that hold a file open keep reading after
/// its unlink, so eviction never cuts a response short.
/// </summary>
internal sealed class CacheEvictor(CacheIndex index, TempArea temp, long maxBytes, Action<string> onEvicted, FacadeMetrics metrics, ILogger log)
{
    private readonly Lock _lock = new();

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Bytes held and promised: the index and the temp reservations.</summary>
    public long Used => index.TotalBytes + temp.ReservedBytes;

    /// <summary>Evicts when entries and reservations exceed the bound, sparing <paramref name="keep"/> (an entry just committed, about to be read).</summary>
    public void EvictIfOver(string? keep = null)
    {
        if (Used <= MaxBytes) return;
        TrimTo(MaxBytes / 10 * 9, keep);
    }

    /// <summary>Evicts least recently used entries until entries and reservations take at most <paramref name="target"/> bytes.</summary>
    public void TrimTo(long target, string? keep = null)
    {
        lock (_lock)
        {
            foreach (var (key, entry) in index.LeastRecentFirst())
            {
                if (Used <= target) break;
                if (key == keep) continue;
                try { File.Delete(entry.Path); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    StorageLog.EvictFailed(log, entry.Path, e);
                    continue;
                }
                if (index.Forget(key, entry)) metrics.CacheEvicted();
                onEvicted(key);
            }
            metrics.CacheBytes(index.TotalBytes);
        }
    }
}
