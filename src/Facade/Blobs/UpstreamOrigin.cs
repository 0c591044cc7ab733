using System.Net.Http.Headers;
using Facade.Ipfs;
using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Blobs;

/// <summary>
/// The upstream registry as a fill origin: a GET of the blob (from an offset with <c>Range</c>),
/// HEAD for its length. Its verified bytes are offered to IPFS from the local copy.
/// </summary>
internal sealed class UpstreamOrigin(UpstreamSender sender, PublishQueue publish, FacadeMetrics metrics) : IFillOrigin
{
    public string Name => "upstream";

    public async Task<FetchedBody?> OpenAsync(UpstreamTarget target, Digest digest, long offset, CancellationToken ct)
    {
        metrics.UpstreamFetch("blob");
        var response = await sender.SendAsync(target.Upstream, HttpMethod.Get, BlobUri(target, digest),
            offset > 0 ? r => r.Headers.Range = new RangeHeaderValue(offset, null) : null, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new UpstreamException(UpstreamFailure.FromStatus(target.Upstream, response.StatusCode, OciErrorCode.BlobUnknown));
        }
        var length = response.Content.Headers.ContentLength;
        if (offset > 0)
        {
            // Only the rest from the byte reached continues the same stream; a registry that
            // ignores Range would send the whole blob again.
            if (response.StatusCode != System.Net.HttpStatusCode.PartialContent || response.Content.Headers.ContentRange is not { From: { } from } range || from != offset)
            {
                response.Dispose();
                throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {target.Upstream.Name} did not resume {digest} at byte {offset}"));
            }
            length = range.Length;
        }
        var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return new FetchedBody(body, length, this, owner: response);
    }

    public async Task<long?> LengthAsync(UpstreamTarget target, Digest digest, CancellationToken ct)
    {
        using var response = await sender.SendAsync(target.Upstream, HttpMethod.Head, BlobUri(target, digest), null, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new UpstreamException(UpstreamFailure.FromStatus(target.Upstream, response.StatusCode, OciErrorCode.BlobUnknown));
        return response.Content.Headers.ContentLength
            ?? throw new UpstreamException(new OciError(OciErrorCode.BadGateway, $"upstream {target.Upstream.Name} did not say the size of {digest}"));
    }

    public void Received(int bytes) => metrics.UpstreamBytes(bytes);

    public void Broke(Digest digest, FetchedBody body, string reason) { }

    public Task VerifiedAsync(Digest digest, FetchedBody body)
    {
        publish.Enqueue(digest);
        return Task.CompletedTask;
    }

    public Task RejectedAsync(Digest digest, FetchedBody body) => Task.CompletedTask;

    private static Uri BlobUri(UpstreamTarget target, Digest digest) => target.Upstream.V2($"{target.Repository}/blobs/{digest}");
}
