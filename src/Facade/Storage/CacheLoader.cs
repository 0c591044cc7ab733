namespace Facade.Storage;

/// <summary>
/// Rebuilds the index from the directory at start, so the cache survives a restart. Files whose
/// names are not digests are not entries. The order of use before the restart is approximated
/// by modification times.
/// </summary>
internal static class CacheLoader
{
    public static void Load(CacheLayout layout, CacheIndex index, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var nowStamp = time.GetTimestamp();
        foreach (var directory in new[] { layout.BlobsDirectory, layout.ManifestsDirectory })
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                if (!CacheLayout.TryParseEntry(file, out _)) continue;
                var age = now - new DateTimeOffset(file.LastWriteTimeUtc);
                var lastAccess = nowStamp - (long)(Math.Max(0, age.TotalSeconds) * time.TimestampFrequency);
                index.Add(file.FullName, file.Length, lastAccess);
            }
        }
    }
}
