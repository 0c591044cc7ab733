using System.Collections.Concurrent;

namespace Facade.Storage;

/// <summary>
/// The entries of the cache by file path, with the total of their sizes. Only entries in the
/// index are served: a file on disk the index does not know is not part of the cache.
/// </summary>
internal sealed class CacheIndex(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CacheEntry> _entries = new(StringComparer.Ordinal);
    private long _totalBytes;

    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    public int Count => _entries.Count;

    /// <summary>The entry for a path, marked as used now; null when absent.</summary>
    public CacheEntry? Use(string path)
    {
        if (!_entries.TryGetValue(path, out var entry)) return null;
        entry.Touch(time.GetTimestamp());
        return entry;
    }

    public CacheEntry? Find(string path) => _entries.GetValueOrDefault(path);

    public bool Contains(string path) => _entries.ContainsKey(path);

    /// <summary>Adds an entry (last used now, or at <paramref name="lastAccess"/>); an existing one is only touched.</summary>
    public void Add(string path, long size, long? lastAccess = null)
    {
        if (_entries.TryAdd(path, new CacheEntry(size, lastAccess ?? time.GetTimestamp()))) Interlocked.Add(ref _totalBytes, size);
        else Use(path);
    }

    /// <summary>Removes an entry; true when it was present.</summary>
    public bool Forget(string path)
    {
        if (!_entries.TryRemove(path, out var removed)) return false;
        Interlocked.Add(ref _totalBytes, -removed.Size);
        return true;
    }

    /// <summary>A snapshot of the entries, least recently used first.</summary>
    public List<KeyValuePair<string, CacheEntry>> LeastRecentFirst() => [.. _entries.OrderBy(e => e.Value.LastAccess)];
}
