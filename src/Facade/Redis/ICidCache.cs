using Facade.Shared.Ipfs;
using Facade.Shared.Oci;

namespace Facade.Redis;

/// <summary>
/// Blob digest to IPFS CID, shared with Gitpod's registry-facade through the same keys. Advisory:
/// a failure is a miss (null) or a no-op, never an exception.
/// </summary>
internal interface ICidCache
{
    /// <summary>The CID (and media type) recorded for <paramref name="digest"/>, or null.</summary>
    Task<CidCacheEntry?> GetAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>Records the CID (and media type, when given) of <paramref name="digest"/>.</summary>
    Task SetAsync(Digest digest, CidCacheEntry entry, CancellationToken cancellationToken);

    /// <summary>True when a whole read of <paramref name="cid"/> matched <paramref name="digest"/> (on any replica).</summary>
    Task<bool> IsVerifiedAsync(Digest digest, Cid cid, CancellationToken cancellationToken);

    /// <summary>Records that a whole read of <paramref name="cid"/> matched <paramref name="digest"/>.</summary>
    Task SetVerifiedAsync(Digest digest, Cid cid, CancellationToken cancellationToken);

    /// <summary>Forgets what is recorded for <paramref name="digest"/> (e.g. a CID whose content did not match).</summary>
    Task RemoveAsync(Digest digest, CancellationToken cancellationToken);
}
