using Facade.Shared.Oci;

namespace Facade.Redis;

/// <summary>
/// State replicas of the facade share so that one replica's work serves the others: tag
/// resolutions (short-lived) and composed manifests and configs (by digest, immutable). Advisory:
/// a failure is a miss (null) or a no-op, never an exception.
/// </summary>
internal interface ISharedState
{
    /// <summary>The digest <paramref name="reference"/> (e.g. <c>host/name:tag</c>) resolved to, or null.</summary>
    Task<Digest?> GetResolvedAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Records a resolution that other replicas may use for <paramref name="ttl"/>.</summary>
    Task SetResolvedAsync(string reference, Digest digest, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>True when a replica recorded that <paramref name="repository"/> (<c>upstream/name</c>) holds <paramref name="digest"/>.</summary>
    Task<bool> IsBlobHeldAsync(string repository, Digest digest, CancellationToken cancellationToken);

    /// <summary>Records blobs <paramref name="repository"/> holds (a manifest of it lists them, or the upstream confirmed).</summary>
    Task AddBlobsHeldAsync(string repository, IReadOnlyCollection<Digest> digests, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets that <paramref name="repository"/> holds <paramref name="digest"/> (a blob deleted there).
    /// True when another repository is still recorded as holding it; false when none is, or on failure.
    /// </summary>
    Task<bool> ForgetBlobHeldAsync(string repository, Digest digest, CancellationToken cancellationToken);

    /// <summary>Forgets the resolution of one reference (a tag deleted upstream).</summary>
    Task ForgetResolvedAsync(string reference, CancellationToken cancellationToken);

    /// <summary>Forgets every resolution recorded for a repository (<c>host/name</c>), e.g. after a manifest deletion.</summary>
    Task ForgetRepositoryAsync(string repository, CancellationToken cancellationToken);

    /// <summary>Removes the document stored under <paramref name="digest"/>, if any.</summary>
    Task RemoveDocumentAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>The document stored under <paramref name="digest"/>, verified against it, or null.</summary>
    Task<StoredDocument?> GetDocumentAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Stores a document under its digest (checked); <paramref name="ttl"/> null means the configured document expiry.</summary>
    Task SetDocumentAsync(Digest digest, StoredDocument document, TimeSpan? ttl, CancellationToken cancellationToken);
}
