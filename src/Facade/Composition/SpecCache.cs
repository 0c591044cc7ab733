using Facade.Caching;
using Facade.Protos.RegistryFacade;

namespace Facade.Composition;

/// <summary>
/// A small time-bounded cache of found specs. Advisory: a miss only costs a provider call.
/// Bounded by bytes (least recently used dropped first); an expired entry is dropped when read.
/// </summary>
internal sealed class SpecCache(TimeSpan ttl, TimeProvider time, long maxBytes = SpecCache.DefaultMaxBytes)
{
    /// <summary>Default bound: specs are a few hundred bytes, so thousands fit.</summary>
    public const long DefaultMaxBytes = 8L * 1024 * 1024;

    private readonly ByteBoundedLru<string, (ImageSpec Spec, long ExpiresAt)> _entries =
        new(maxBytes, static (id, entry) => entry.Spec.CalculateSize() * 2L + id.Length * 2L + 128, StringComparer.Ordinal);

    /// <summary>The spec cached for this id, if it has not expired.</summary>
    public bool TryGet(string id, out ImageSpec spec)
    {
        spec = null!;
        if (ttl <= TimeSpan.Zero || !_entries.TryGet(id, out var entry)) return false;
        if (time.GetTimestamp() >= entry.ExpiresAt)
        {
            _entries.Remove(id);
            return false;
        }
        spec = entry.Spec;
        return true;
    }

    /// <summary>Remembers a found spec for the configured time.</summary>
    public void Set(string id, ImageSpec spec)
    {
        if (ttl <= TimeSpan.Zero) return;
        var expiresAt = time.GetTimestamp() + (long)(ttl.TotalSeconds * time.TimestampFrequency);
        _entries.Set(id, (spec, expiresAt));
    }
}
