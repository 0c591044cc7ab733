using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Composition;

/// <summary>A composed image with what the HTTP core needs to cache and serve it.</summary>
/// <param name="Result">Manifest and config bytes and digests.</param>
/// <param name="Plan">The appended layers with their origins (<see cref="CompositionPlan.FindLayer"/> answers blob requests).</param>
/// <param name="BaseReference">The base reference after platform resolution (<c>repo@digest</c>): blobs of the base come from there.</param>
/// <param name="BaseManifestDigest">The digest of the base image manifest used.</param>
/// <param name="SpecHash">The hash of the spec, with <paramref name="BaseManifestDigest"/> the cache key of this composition.</param>
public sealed record ComposedImage(
    ComposeResult Result,
    CompositionPlan Plan,
    string BaseReference,
    Digest BaseManifestDigest,
    Digest SpecHash);
