using Facade.Ipfs;
using Facade.Metrics;
using Facade.Redis;
using Microsoft.Extensions.Options;

namespace Facade.Blobs;

/// <summary>
/// A partial range of a blob that is neither cached nor being fetched, read straight from the
/// IPFS node (<see cref="IpfsRangeContent"/>) so a resumed download does not wait for the whole
/// blob. A range cannot be checked against the digest, so only a CID that a whole read verified
/// (recorded in Redis by whichever replica read it) is used. Whole reads never stop here.
/// </summary>
internal sealed class IpfsRangeBlobSource(
    BlobFills fills, IKuboClient kubo, ICidCache cids, FailingCids failing, IpfsOrigin ipfs, IOptions<IpfsOptions> options,
    TimeProvider clock, FacadeMetrics metrics) : IBlobSource
{
    private readonly TimeSpan _firstByte = options.Value.FirstByteTimeout;

    public async Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct)
    {
        if (request.Read != BlobRead.Range || fills.Find(request.Digest) is not null) return null;
        var entry = await cids.GetAsync(request.Digest, ct).ConfigureAwait(false);
        metrics.CidLookup(entry is not null);
        if (entry is null || failing.IsFailing(request.Digest, entry.Cid)
            || !await cids.IsVerifiedAsync(request.Digest, entry.Cid, ct).ConfigureAwait(false)) return null;
        using var deadline = new CancellationTokenSource(_firstByte, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            var stat = await kubo.StatAsync(entry.Cid, linked.Token).ConfigureAwait(false);
            return new IpfsRangeContent(kubo, entry.Cid, stat.Size);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            ipfs.Fail(request.Digest, entry.Cid, $"no answer to stat within {_firstByte.TotalSeconds:0.#} s");
            return null;
        }
        catch (IpfsException e)
        {
            ipfs.Fail(request.Digest, entry.Cid, e.Message);
            return null;
        }
    }
}
