using Facade.Shared.Client;
using Facade.Shared.Oci;

namespace Facade.TestSupport;

/// <summary>A generated multi-platform index (or Docker manifest list) and its images.</summary>
public sealed record GeneratedIndex(byte[] Bytes, string MediaType, IReadOnlyList<GeneratedImage> Images)
{
    /// <summary>The digest of the index bytes.</summary>
    public Digest Digest { get; } = Digest.Sha256Of(Bytes);

    /// <summary>Pushes every image by digest, then the index under <paramref name="tag"/>. Returns the index digest.</summary>
    public async Task<Digest> PushAsync(RegistryClient client, string repository, string tag, CancellationToken cancellationToken = default)
    {
        foreach (var image in Images) await image.PushAsync(client, repository, null, cancellationToken);
        return await client.PushManifestAsync(repository, tag, Bytes, MediaType, cancellationToken);
    }
}
