using Facade.Ipfs;
using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// The upstream registry as a fill origin: the registry client's blob GET (from an offset with
/// <c>Range</c>) and HEAD for its length, under the client's rules. Its verified bytes are offered to IPFS from the local copy.
/// </summary>
internal sealed class UpstreamOrigin(UpstreamSender sender, PublishQueue publish, FacadeMetrics metrics) : IFillOrigin
{
    public string Name => "upstream";

    public async Task<FetchedBody?> OpenAsync(UpstreamTarget target, Digest digest, long offset, CancellationToken ct)
    {
        metrics.UpstreamFetch("blob");
        var blob = await sender.CallAsync(target.Upstream, c => c.OpenBlobAsync(target.Repository, digest, ct, offset)).ConfigureAwait(false)
            ?? throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown));
        return new FetchedBody(blob.Body, blob.Length, this, owner: blob);
    }

    public async Task<long?> LengthAsync(UpstreamTarget target, Digest digest, CancellationToken ct)
    {
        var size = await sender.CallAsync(target.Upstream, c => c.HeadBlobAsync(target.Repository, digest, ct)).ConfigureAwait(false)
            ?? throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown));
        return size >= 0 ? size
            : throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {target.Upstream.Name} did not say the size of {digest}"));
    }

    public void Received(int bytes) => metrics.UpstreamBytes(bytes);

    public Task VerifiedAsync(Digest digest, FetchedBody body)
    {
        publish.Enqueue(digest);
        return Task.CompletedTask;
    }

    public Task RejectedAsync(Digest digest, FetchedBody body) => Task.CompletedTask;
}
