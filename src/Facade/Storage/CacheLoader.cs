namespace Facade.Storage;

/// <summary>
/// Rebuilds the index from the directory at start, so the cache survives a restart. A file whose
/// length differs from the size its name records is torn and is deleted, never indexed (it will
/// be fetched again); so is a file without a recorded size, since nothing can show it complete.
/// The order of use before the restart is approximated by modification times.
/// </summary>
internal static class CacheLoader
{
    /// <summary>Indexes what is on disk; returns how many files were dropped as torn or unrecognised.</summary>
    public static int Load(CacheLayout layout, CacheIndex index, TimeProvider time, ILogger log)
    {
        var now = time.GetUtcNow();
        var nowStamp = time.GetTimestamp();
        var dropped = 0;
        foreach (var directory in new[] { layout.BlobsDirectory, layout.ManifestsDirectory })
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (!CacheLayout.TryParseEntry(file, out var digest, out var key, out var size) || size != file.Length)
                {
                    StorageLog.DroppedAtStart(log, file.FullName, file.Length);
                    Durable.TryDelete(file.FullName);
                    dropped++;
                    continue;
                }
                var age = now - new DateTimeOffset(file.LastWriteTimeUtc);
                var lastAccess = nowStamp - (long)(Math.Max(0, age.TotalSeconds) * time.TimestampFrequency);
                index.Add(key, new CacheEntry(digest, directory == layout.ManifestsDirectory, file.FullName, size, lastAccess));
            }
        }
        return dropped;
    }
}
