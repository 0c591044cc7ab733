using Facade.Caching;
using Facade.Shared.Oci;

namespace Facade.Ipfs;

/// <summary>
/// Layer media types seen in manifests the facade served, so a published blob can be recorded
/// with its media type (Gitpod's <c>mtype:</c> key). Bounded by bytes, least recently seen
/// dropped first: a missing media type only means the key is not written.
/// </summary>
internal sealed class LayerMediaTypes
{
    private const long MaxBytes = 16L * 1024 * 1024;
    private readonly ByteBoundedLru<Digest, string> _types = new(MaxBytes, static (digest, type) => 2L * (digest.Value.Length + type.Length) + 96);

    public void Remember(ManifestDocument manifest)
    {
        if (manifest.Layers is null) return;
        foreach (var layer in manifest.Layers)
            if (Digest.TryParse(layer.Digest, out var digest)) _types.Set(digest, layer.MediaType);
    }

    public string? Find(Digest digest) => _types.TryGet(digest, out var type) ? type : null;
}
