using Facade.Shared.Client;
using Facade.Shared.Oci;

namespace Facade.TestSupport;

/// <summary>A generated single-platform image: config, layers, and the manifest over them.</summary>
public sealed record GeneratedImage(ImageSpec Spec, GeneratedBlob Config, IReadOnlyList<GeneratedBlob> Layers,
    IReadOnlyList<Digest> DiffIds, byte[] ManifestBytes, string MediaType)
{
    /// <summary>The digest of the manifest bytes.</summary>
    public Digest Digest { get; } = Digest.Sha256Of(ManifestBytes);

    /// <summary>The config and the layers.</summary>
    public IEnumerable<GeneratedBlob> Blobs => Layers.Prepend(Config);

    /// <summary>
    /// Pushes blobs and manifest with the project's client, the manifest under <paramref name="tag"/>
    /// (or its digest when null). Returns the manifest digest.
    /// </summary>
    public async Task<Digest> PushAsync(RegistryClient client, string repository, string? tag = null, CancellationToken cancellationToken = default)
    {
        foreach (var blob in Blobs)
            await client.PushBlobAsync(repository, blob.Digest, blob.Bytes, cancellationToken: cancellationToken);
        return await client.PushManifestAsync(repository, tag ?? Digest.Value, ManifestBytes, MediaType, cancellationToken);
    }
}
