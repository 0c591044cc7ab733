using System.Collections.Concurrent;

namespace Facade.Storage;

/// <summary>
/// The entries of the cache by key (<see cref="CacheLayout.BlobKey"/>, <see cref="CacheLayout.ManifestKey"/>),
/// with the total of their sizes. Only entries in the index are served: a file on disk the
/// index does not know is not part of the cache.
/// </summary>
internal sealed class CacheIndex(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private long _totalBytes;

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public int Count => _entries.Count;

    /// <summary>A timestamp for <see cref="CacheEntry.LastAccess"/>.</summary>
    public long Now => time.GetTimestamp();

    /// <summary>The entry for a key, marked as used now; null when absent.</summary>
    public CacheEntry? Use(string key)
    {
        if (!_entries.TryGetValue(key, out var entry)) return null;
        entry.Touch(time.GetTimestamp());
        return entry;
    }

    public CacheEntry? Find(string key) => _entries.GetValueOrDefault(key);

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Adds an entry; when the key is already present the existing entry is only touched.</summary>
    public void Add(string key, CacheEntry entry)
    {
        if (_entries.TryAdd(key, entry)) Interlocked.Add(ref _totalBytes, entry.Size);
        else Use(key);
    }

    /// <summary>Removes exactly this entry (not a newer one under the same key); true when it was present.</summary>
    public bool Forget(string key, CacheEntry entry)
    {
        if (!_entries.TryRemove(new KeyValuePair<string, CacheEntry>(key, entry))) return false;
        Interlocked.Add(ref _totalBytes, -entry.Size);
        return true;
    }

    // Snapshots go through ConcurrentDictionary.ToArray, which holds its locks while copying:
    // LINQ and collection expressions size an array from Count and then CopyTo it, which throws
    // when a fill commits or an entry is dropped in between.

    /// <summary>A snapshot of the entries, least recently used first.</summary>
    public List<KeyValuePair<string, CacheEntry>> LeastRecentFirst() => [.. _entries.ToArray().OrderBy(e => e.Value.LastAccess)];

    /// <summary>A snapshot of the entries in no particular order.</summary>
    public List<KeyValuePair<string, CacheEntry>> Snapshot() => [.. _entries.ToArray()];
}
