using System.Collections.Concurrent;
using Facade.Configuration;
using Facade.Shared.Oci;
using Microsoft.Extensions.Options;

namespace Facade.Manifests;

/// <summary>
/// What each tag resolved to upstream and when. Fresh entries (younger than the TTL) answer
/// without asking the upstream; stale entries stand in when the upstream fails.
/// </summary>
internal sealed class TagCache(IOptions<FacadeOptions> options, TimeProvider clock)
{
    private readonly TimeSpan _ttl = options.Value.Cache.TagTtl;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>A digest resolved less than a TTL ago, or null.</summary>
    public Digest? Fresh(string key) =>
        _entries.TryGetValue(key, out var entry) && clock.GetUtcNow() - entry.ResolvedAt < _ttl ? entry.Digest : null;

    /// <summary>The last digest ever resolved, however old, or null.</summary>
    public Digest? LastKnown(string key) => _entries.TryGetValue(key, out var entry) ? entry.Digest : null;

    public void Set(string key, Digest digest) => _entries[key] = new Entry(digest, clock.GetUtcNow());

    public void Remove(string key) => _entries.TryRemove(key, out _);

    /// <summary>Forgets every tag of a repository (after a push changed it).</summary>
    public void RemoveRepository(string prefix)
    {
        foreach (var key in _entries.Keys)
            if (key.StartsWith(prefix, StringComparison.Ordinal)) _entries.TryRemove(key, out _);
    }

    private sealed record Entry(Digest Digest, DateTimeOffset ResolvedAt);
}
