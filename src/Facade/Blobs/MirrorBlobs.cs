using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Storage;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// Blobs of mirrored repositories: from the disk cache when present, else through the single
/// shared fill for that digest. HEAD of an uncached blob asks the upstream without fetching.
/// </summary>
internal sealed class MirrorBlobs(ContentStore store, BlobFills fills, BlobSources sources, UpstreamSender sender, FacadeMetrics metrics)
{
    /// <summary>Opens a blob for sending, or throws <see cref="UpstreamException"/>.</summary>
    public async Task<BlobContent> OpenAsync(UpstreamTarget target, Digest digest, CancellationToken ct, bool rangeRequest = false)
    {
        if (store.TryOpenBlob(digest, out var length) is { } cached)
        {
            metrics.CacheHit("blob");
            return new FileBlobContent(cached, length, "cache");
        }
        metrics.CacheMiss("blob");
        if (rangeRequest && fills.Find(digest) is null && await sources.TryIpfsRangeAsync(digest, ct).ConfigureAwait(false) is { } fromIpfs)
            return fromIpfs;
        var fill = fills.GetOrStart(target, digest, out var joined);
        if (joined) metrics.SingleFlightJoin("blob");
        var fillLength = await fill.Started.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return new FillBlobContent(fill, fill.OpenRead(), fillLength);
        }
        catch (FileNotFoundException)
        {
            // The fill failed between starting and this open; its error is the answer.
            await fill.WaitReadableAsync(0, 1, ct).ConfigureAwait(false);
            throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"fetch of {digest} from upstream {target.Upstream.Name} failed"));
        }
    }

    /// <summary>The blob's length without fetching it, or throws <see cref="UpstreamException"/>.</summary>
    public async Task<long> LengthAsync(UpstreamTarget target, Digest digest, CancellationToken ct)
    {
        if (store.BlobLength(digest) is { } length) return length;
        if (fills.Find(digest) is { } fill && await fill.Started.WaitAsync(ct).ConfigureAwait(false) is { } fillLength) return fillLength;
        var size = await sender.CallAsync(target.Upstream, c => c.HeadBlobAsync(target.Repository, digest, ct)).ConfigureAwait(false)
            ?? throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown));
        return size >= 0 ? size
            : throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {target.Upstream.Name} did not say the size of {digest}"));
    }
}
