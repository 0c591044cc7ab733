using System.Collections.Concurrent;
using Facade.Protos.RegistryFacade;

namespace Facade.Composition;

/// <summary>
/// A small time-bounded cache of found specs. Advisory: a miss only costs a provider call. When
/// full, expired entries are dropped first and then everything, which keeps it bounded without
/// bookkeeping on the hit path.
/// </summary>
internal sealed class SpecCache(TimeSpan ttl, TimeProvider time, int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, (ImageSpec Spec, long ExpiresAt)> _entries = new(StringComparer.Ordinal);

    /// <summary>The spec cached for this id, if it has not expired.</summary>
    public bool TryGet(string id, out ImageSpec spec)
    {
        spec = null!;
        if (ttl <= TimeSpan.Zero || !_entries.TryGetValue(id, out var entry)) return false;
        if (time.GetTimestamp() >= entry.ExpiresAt)
        {
            _entries.TryRemove(new KeyValuePair<string, (ImageSpec, long)>(id, entry));
            return false;
        }
        spec = entry.Spec;
        return true;
    }

    /// <summary>Remembers a found spec for the configured time.</summary>
    public void Set(string id, ImageSpec spec)
    {
        if (ttl <= TimeSpan.Zero) return;
        if (_entries.Count >= capacity) Trim();
        var expiresAt = time.GetTimestamp() + (long)(ttl.TotalSeconds * time.TimestampFrequency);
        _entries[id] = (spec, expiresAt);
    }

    private void Trim()
    {
        var now = time.GetTimestamp();
        foreach (var (id, entry) in _entries)
        {
            if (now >= entry.ExpiresAt) _entries.TryRemove(id, out _);
        }
        if (_entries.Count >= capacity) _entries.Clear();
    }
}
