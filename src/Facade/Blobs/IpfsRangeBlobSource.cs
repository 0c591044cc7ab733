using Facade.Ipfs;
using Facade.Metrics;
using Facade.Redis;

namespace Facade.Blobs;

/// <summary>
/// A partial range of a blob that is neither cached nor being fetched, read straight from the
/// IPFS node (<see cref="IpfsRangeContent"/>) so a resumed download does not wait for the whole
/// blob. Whole reads never stop here: they go on to the digest-verified fill.
/// </summary>
internal sealed class IpfsRangeBlobSource(BlobFills fills, IKuboClient kubo, ICidCache cids, IpfsOrigin ipfs, FacadeMetrics metrics) : IBlobSource
{
    public async Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct)
    {
        if (request.Read != BlobRead.Range || fills.Find(request.Digest) is not null) return null;
        var entry = await cids.GetAsync(request.Digest, ct).ConfigureAwait(false);
        metrics.CidLookup(entry is not null);
        if (entry is null) return null;
        try
        {
            var stat = await kubo.StatAsync(entry.Cid, ct).ConfigureAwait(false);
            return new IpfsRangeContent(kubo, entry.Cid, stat.Size);
        }
        catch (IpfsException e)
        {
            ipfs.Fallback(request.Digest, e);
            return null;
        }
    }
}
