using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>A composed image: manifest and config bytes with the digests computed over exactly those bytes.</summary>
/// <param name="Manifest">The composed manifest bytes.</param>
/// <param name="ManifestDigest">The sha256 of <paramref name="Manifest"/>.</param>
/// <param name="ManifestMediaType">The manifest media type (the base's; OCI when the base names none).</param>
/// <param name="Config">The composed config bytes.</param>
/// <param name="ConfigDigest">The sha256 of <paramref name="Config"/>.</param>
/// <param name="BaseLayersSize">The sum of the base image's layer sizes.</param>
public sealed record ComposeResult(
    byte[] Manifest,
    Digest ManifestDigest,
    string ManifestMediaType,
    byte[] Config,
    Digest ConfigDigest,
    long BaseLayersSize);
