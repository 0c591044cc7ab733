namespace Facade.Storage;

/// <summary>
/// Taking a cache directory at start, in the one safe order: the lock first (the temp files may
/// be another process's fills), then the leftover temp files go, the index is rebuilt from disk
/// and, when the bound was lowered or the volume is shared, the cache is trimmed to the bound.
/// </summary>
internal static class CacheOpening
{
    /// <summary>Opens the cache; the returned lock is held for the process's life.</summary>
    public static CacheLock Open(CacheLayout layout, TempArea temp, CacheIndex index, CacheEvictor evictor, long maxBytes, TimeProvider time, ILogger log)
    {
        Directory.CreateDirectory(layout.Root);
        var held = CacheLock.Acquire(layout.LockFile, layout.Root);
        temp.Reset();
        Directory.CreateDirectory(layout.BlobsDirectory);
        Directory.CreateDirectory(layout.ManifestsDirectory);
        var dropped = CacheLoader.Load(layout, index, time, log);
        StorageLog.Loaded(log, layout.Root, index.Count, index.TotalBytes, dropped);
        var before = index.TotalBytes;
        if (before > maxBytes)
        {
            evictor.TrimTo(maxBytes);
            StorageLog.TrimmedAtStart(log, before, index.TotalBytes, maxBytes);
        }
        return held;
    }
}
