using Facade.Shared.Oci;

namespace Facade.Composition;

/// <summary>
/// How composition reads the images a spec names. The HTTP core implements it over its mirror
/// (cache, then upstream), so composed images share the mirror's caching. References are full
/// image references such as <c>host:port/repo:tag</c> or <c>host/repo@sha256:...</c>.
/// </summary>
public interface IImageSource
{
    /// <summary>The manifest or index of a reference. Throws the core's own exception when it cannot be had.</summary>
    Task<FetchedManifest> GetManifestAsync(string reference, CancellationToken cancellationToken);

    /// <summary>A small blob (an image config) of the repository of <paramref name="reference"/>.</summary>
    Task<ReadOnlyMemory<byte>> GetBlobAsync(string reference, Digest digest, CancellationToken cancellationToken);
}
