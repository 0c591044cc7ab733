using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// The shared fill as a link of the chain: joins the fill in flight for the digest or starts one
/// (single flight, verification and read-along all live in <see cref="BlobFill"/>). A HEAD asks
/// the fill in flight, else the origins, for the length without fetching.
/// </summary>
internal sealed class FillBlobSource(BlobFills fills, FacadeMetrics metrics) : IBlobSource
{
    public async Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct)
    {
        if (request.Target is not { } target) return null;
        var digest = request.Digest;
        if (request.Read == BlobRead.Head) return await LengthAsync(target, request, ct).ConfigureAwait(false);
        var fill = fills.GetOrStart(target, digest, out var joined);
        if (joined) metrics.SingleFlightJoin("blob");
        long? fillLength;
        try
        {
            fillLength = await fill.Started.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (UpstreamException) when (fill.Target != target)
        {
            // Another repository's fetch failed: its answer is not this repository's.
            fills.Forget(fill);
            fill = fills.GetOrStart(target, digest, out _);
            fillLength = await fill.Started.WaitAsync(ct).ConfigureAwait(false);
        }
        // The cache could not take it: this client streams its own verified copy.
        if (fill.Uncached) return await fills.PassThroughAsync(target, digest, fillLength, ct).ConfigureAwait(false);
        try
        {
            return new FillBlobContent(fills, fill, fill.OpenRead(), fillLength);
        }
        catch (FileNotFoundException)
        {
            // The fill failed between starting and this open; its error is the answer.
            await fill.WaitReadableAsync(0, 1, ct).ConfigureAwait(false);
            throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"fetch of {digest} from upstream {target.Upstream.Name} failed"));
        }
    }

    private async Task<BlobContent?> LengthAsync(UpstreamTarget target, BlobRequest request, CancellationToken ct)
    {
        if (fills.Find(request.Digest) is { } fill && await fill.Started.WaitAsync(ct).ConfigureAwait(false) is { } fillLength)
            return new LengthOnlyBlobContent(fillLength, fill.Source);
        foreach (var origin in fills.Origins)
            if (await origin.LengthAsync(target, request.Digest, ct).ConfigureAwait(false) is { } length)
                return new LengthOnlyBlobContent(length, origin.Name);
        return null;
    }
}
