using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Composition.Serving;

/// <summary>One composed image: its manifest, config and where each blob it names comes from.</summary>
internal sealed record ComposedImage(ComposeResult Result, IReadOnlyDictionary<Digest, BlobOrigin> Blobs)
{
    public RawManifest Manifest { get; } = new(Result.Manifest, Result.ManifestMediaType, Result.ManifestDigest);
}
