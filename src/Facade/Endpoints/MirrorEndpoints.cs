using Facade.Blobs;
using Facade.Http;
using Facade.Ipfs;
using Facade.Manifests;
using Facade.Push;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Endpoints;

/// <summary>The read endpoints of mirrored repositories.</summary>
internal sealed class MirrorEndpoints(
    ManifestService manifests, BlobChain blobs, BlobResponder blobResponder, IpfsManifestRewriter rewriter,
    UpstreamSender sender, ReferrersFromTag referrersFromTag, RepositoryHoldings holdings)
{
    public async Task ManifestAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var manifest = await manifests.GetAsync(target, route.Reference, context.RequestAborted).ConfigureAwait(false);
        // Whatever manifest of this repository the facade serves tells which blobs the repository holds.
        await holdings.RecordManifestAsync(target, manifest).ConfigureAwait(false);
        var byTag = !Digest.TryParse(route.Reference, out _);
        manifest = await rewriter.PrepareAsync(manifest, byTag, context.RequestAborted,
            (child, ct) => manifests.GetAsync(target, child.Value, ct)).ConfigureAwait(false);
        await ManifestResponder.WriteAsync(context, manifest).ConfigureAwait(false);
    }

    public async Task BlobAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var digest = Digest.Parse(route.Reference);
        var request = new BlobRequest(digest, target, BlobResponder.ReadOf(context.Request));
        using var content = await blobs.OpenAsync(request, context.RequestAborted).ConfigureAwait(false)
            ?? throw new UpstreamException(new OciError(OciErrorCode.BlobUnknown, $"no source has blob {digest}"));
        await blobResponder.WriteAsync(context, digest, content).ConfigureAwait(false);
    }

    /// <summary>
    /// Tags list: the upstream's whole list (read by the client under its caps), re-paginated by the facade (sorted, <c>n</c>, <c>last</c>,
    /// <c>Link</c>) so clients get spec behaviour whatever the upstream does with those parameters.
    /// </summary>
    public async Task TagsAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var query = context.Request.Query;
        if (!TagPage.TryParseN(query["n"], out var n))
        {
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.Unsupported, "n must be a non-negative integer")).ConfigureAwait(false);
            return;
        }
        var last = query["last"].ToString();
        var ct = context.RequestAborted;
        var tags = await sender.CallAsync(target.Upstream, c => c.ListTagsAsync(target.Repository, null, ct)).ConfigureAwait(false)
            ?? throw new UpstreamException(new OciError(OciErrorCode.NameUnknown));
        var (body, nextLast) = TagPage.Build(route.Name, tags, n, last);
        var response = context.Response;
        if (nextLast is not null)
        {
            var ns = query["ns"].ToString();
            var nsPart = ns.Length > 0 ? "&ns=" + Uri.EscapeDataString(ns) : "";
            response.Headers.Link = $"</v2/{route.Name}/tags/list?n={n}&last={Uri.EscapeDataString(nextLast)}{nsPart}>; rel=\"next\"";
        }
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Referrers: the upstream's answer, or where it has no referrers API the referrers tag
    /// schema's index (else an empty index). An <c>artifactType</c> filter the upstream did not
    /// apply is applied here, and <c>OCI-Filters-Applied</c> says so.
    /// </summary>
    public async Task ReferrersAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var artifactType = context.Request.Query.TryGetValue("artifactType", out var type) ? type.ToString() : null;
        var ct = context.RequestAborted;
        var subject = Digest.Parse(route.Reference);
        var answer = await sender.CallAsync(target.Upstream, c => c.GetReferrersAsync(target.Repository, subject, artifactType, ct))
            .ConfigureAwait(false);
        var http = context.Response;
        http.ContentType = MediaTypes.OciIndex;
        // No referrers API upstream: the referrers tag schema's index (else an empty index).
        var body = answer?.Index ?? await referrersFromTag.ReadAsync(target, subject, ct).ConfigureAwait(false);
        var filtered = answer?.ArtifactTypeFiltered ?? false;
        if (artifactType is not null)
        {
            if (!filtered) body = ReferrersIndex.Filter(body, artifactType);
            http.Headers["OCI-Filters-Applied"] = "artifactType";
        }
        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
