using System.Collections.Concurrent;
using Facade.Shared.Oci;

namespace Facade.Ipfs;

/// <summary>
/// Layer media types seen in manifests the facade served, so a published blob can be recorded
/// with its media type (Gitpod's <c>mtype:</c> key). Bounded: when full it starts over, since
/// a missing media type only means the key is not written.
/// </summary>
internal sealed class LayerMediaTypes
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<Digest, string> _types = new();

    public void Remember(ManifestDocument manifest)
    {
        if (manifest.Layers is null) return;
        if (_types.Count > Capacity) _types.Clear();
        foreach (var layer in manifest.Layers)
            if (Digest.TryParse(layer.Digest, out var digest)) _types[digest] = layer.MediaType;
    }

    public string? Find(Digest digest) => _types.GetValueOrDefault(digest);
}
