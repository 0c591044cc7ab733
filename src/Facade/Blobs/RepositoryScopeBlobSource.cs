using Facade.Shared.Errors;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// The first link of the mirror's chain: a blob is served under a repository (from the cache,
/// IPFS or a fill another repository started) only when that repository is known to hold it.
/// Answers null to let the chain go on, or refuses with BLOB_UNKNOWN.
/// </summary>
internal sealed class RepositoryScopeBlobSource(RepositoryHoldings holdings) : IBlobSource
{
    public async Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct)
    {
        if (request.Target is not { } target || await holdings.HoldsAsync(target, request.Digest, ct).ConfigureAwait(false)) return null;
        throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown, $"repository '{target.Repository}' has no blob {request.Digest}"));
    }
}
