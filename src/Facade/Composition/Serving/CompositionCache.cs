using System.Collections.Concurrent;
using Facade.Blobs;
using Facade.Caching;
using Facade.Shared.Oci;

namespace Facade.Composition.Serving;

/// <summary>
/// Composed images in memory: by manifest digest (what clients ask for by digest), by
/// (base digest, spec hash) so the same inputs are composed once, and the latest per name (so
/// blob requests under a name find their origins). Bounded: least recently used go first. An
/// evicted image is recomputed from its spec on the next request for its name.
/// </summary>
internal sealed class CompositionCache(int capacity, long rewrittenBytes)
{
    private readonly ConcurrentDictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Digest, Entry> _byDigest = new();
    private readonly ConcurrentDictionary<string, Entry> _byName = new(StringComparer.Ordinal);
    private readonly ByteBoundedLru<Digest, RawManifest> _rewritten = new(rewrittenBytes, static (_, m) => m.Bytes.Length + 2L * m.MediaType.Length + 256);
    private readonly Lock _trimLock = new();

    public static string Key(Digest baseDigest, Digest specHash) => baseDigest.Value + "|" + specHash.Value;

    public ServedImage? ByKey(string key) => Touch(_byKey.GetValueOrDefault(key));

    public ServedImage? ByDigest(Digest digest) => Touch(_byDigest.GetValueOrDefault(digest));

    /// <summary>A composed manifest as rewritten for clients (IPFS URLs), by its own digest.</summary>
    public RawManifest? Rewritten(Digest digest) => _rewritten.TryGet(digest, out var manifest) ? manifest : null;

    public void AddRewritten(RawManifest manifest) => _rewritten.Set(manifest.Digest, manifest);

    public ServedImage? ByName(string name) => Touch(_byName.GetValueOrDefault(name));

    /// <summary>Where a blob of any cached composed image comes from (older compositions included).</summary>
    public IBlobSource? FindBlob(Digest digest)
    {
        foreach (var entry in _byDigest.Values)
            if (entry.Image.Blobs.TryGetValue(digest, out var origin)) return origin;
        return null;
    }

    public void Add(string name, string key, ServedImage image)
    {
        var entry = new Entry(image, key);
        _byKey[key] = entry;
        _byDigest[image.Manifest.Digest] = entry;
        _byName[name] = entry;
        if (_byKey.Count > capacity) Trim();
    }

    /// <summary>
    /// Drops every composed image that rests on <paramref name="digest"/> (its base manifest, or a
    /// blob it serves from a mirror) and every rewritten composed manifest; returns the digests of
    /// the composed manifests and configs that went, so shared copies can go too.
    /// </summary>
    public IReadOnlyList<Digest> RemoveBuiltOn(Digest digest)
    {
        var removed = new List<Digest>();
        lock (_trimLock)
        {
            foreach (var (key, entry) in _byKey.ToList())
            {
                var image = entry.Image;
                var builtOn = image.Image.BaseManifestDigest == digest || image.Manifest.Digest == digest
                    || image.Blobs.TryGetValue(digest, out var source) && source is RepositoryBlobSource;
                if (!builtOn) continue;
                _byKey.TryRemove(key, out _);
                _byDigest.TryRemove(image.Manifest.Digest, out _);
                foreach (var (name, named) in _byName)
                    if (ReferenceEquals(named, entry)) _byName.TryRemove(name, out _);
                removed.Add(image.Manifest.Digest);
                removed.Add(image.Image.Result.ConfigDigest);
            }
            if (removed.Count > 0)
            {
                removed.AddRange(_rewritten.Clear());
            }
        }
        return removed;
    }

    private static ServedImage? Touch(Entry? entry)
    {
        if (entry is null) return null;
        entry.LastUse = Environment.TickCount64;
        return entry.Image;
    }

    private void Trim()
    {
        lock (_trimLock)
        {
            foreach (var (key, entry) in _byKey.OrderBy(e => e.Value.LastUse).Take(_byKey.Count - capacity).ToList())
            {
                _byKey.TryRemove(key, out _);
                _byDigest.TryRemove(new KeyValuePair<Digest, Entry>(entry.Image.Manifest.Digest, entry));
                foreach (var (name, named) in _byName)
                    if (ReferenceEquals(named, entry)) _byName.TryRemove(name, out _);
            }
        }
    }

    private sealed class Entry(ServedImage image, string key)
    {
        public ServedImage Image { get; } = image;
        public string Key { get; } = key;
        public long LastUse { get; set; } = Environment.TickCount64;
    }
}
