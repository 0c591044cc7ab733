using Facade.Caching;
using Facade.Ipfs;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using Microsoft.Extensions.Options;

namespace Facade.Blobs;

/// <summary>
/// CIDs that just failed (no first byte in time, an error, wrong content), remembered for
/// <see cref="IpfsOptions.FailedCidTtl"/> so that every request for the digest does not pay the
/// same wait again. Per replica and bounded: forgetting early only costs one more try.
/// </summary>
internal sealed class FailingCids(IOptions<IpfsOptions> options, TimeProvider clock)
{
    private const long MaxBytes = 1024 * 1024;
    private const long EntryBytes = 256;
    private readonly TimeSpan _ttl = options.Value.FailedCidTtl;
    private readonly ByteBoundedLru<Digest, (Cid Cid, DateTimeOffset Until)> _failed = new(MaxBytes, (_, _) => EntryBytes);

    /// <summary>Remembers that <paramref name="cid"/> failed for <paramref name="digest"/>.</summary>
    public void Remember(Digest digest, Cid cid) => _failed.Set(digest, (cid, clock.GetUtcNow() + _ttl));

    /// <summary>True while a recent failure of this very CID for this digest is remembered.</summary>
    public bool IsFailing(Digest digest, Cid cid)
    {
        if (!_failed.TryGet(digest, out var entry) || entry.Cid != cid) return false;
        if (clock.GetUtcNow() < entry.Until) return true;
        _failed.Remove(digest);
        return false;
    }
}
