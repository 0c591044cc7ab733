using Facade.Deletes;
using Facade.Manifests;
using Facade.Routing;
using Facade.Shared.Client;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Push;

/// <summary>
/// DELETE of manifests (by digest or tag) and blobs, passed through. A deletion the upstream
/// accepted is propagated (<see cref="DeletePropagation"/>) to every cache layer and replica
/// before the answer goes out; a refused one changes nothing. A deleted manifest with a <c>subject</c>
/// is taken out of its subject's referrers tag. An upstream that cannot delete tags (it answers
/// 400 or 405 to a tag) is reported as 405 UNSUPPORTED, one of the two answers the specification
/// gives a registry for that.
/// </summary>
internal sealed class PushDeletes(
    PushForwarder forwarder, ManifestService manifests, UpstreamSender sender, ReferrersTagWriter referrers, DeletePropagation deletions)
{
    public async Task ManifestAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var isDigest = Digest.TryParse(route.Reference, out var digest);
        var subject = isDigest ? await SubjectOfAsync(target, digest, context.RequestAborted).ConfigureAwait(false) : null;
        var plan = new ForwardPlan($"/v2/{target.Repository}/manifests/{route.Reference}")
        {
            MapError = isDigest ? null : TagRefused(target),
            OnSuccess = async (ctx, _) =>
            {
                // Before the client hears of it, nothing of the deleted manifest or tag stays
                // servable here or on another replica. Not bound to the client's request: a client
                // that leaves must not leave the replicas half informed.
                await deletions.PropagateAsync(new Deletion(isDigest ? DeletionKind.Manifest : DeletionKind.Tag,
                    target.Upstream.Authority, target.Repository, route.Reference), CancellationToken.None).ConfigureAwait(false);
                if (subject is { } referred && await referrers.RemoveAsync(target, referred, digest, ctx.RequestAborted).ConfigureAwait(false))
                    manifests.InvalidateRepository(target);
            },
        };
        await forwarder.ForwardAsync(context, target, route.Name, plan).ConfigureAwait(false);
    }

    public Task BlobAsync(HttpContext context, DistributionRoute route, UpstreamTarget target) =>
        forwarder.ForwardAsync(context, target, route.Name, new ForwardPlan($"/v2/{target.Repository}/blobs/{route.Reference}")
        {
            OnSuccess = (_, _) => deletions.PropagateAsync(
                new Deletion(DeletionKind.Blob, target.Upstream.Authority, target.Repository, route.Reference), CancellationToken.None),
        });

    /// <summary>The subject of the manifest about to be deleted; null when it has none or cannot be read.</summary>
    private async Task<Digest?> SubjectOfAsync(UpstreamTarget target, Digest digest, CancellationToken ct)
    {
        using var response = await sender.SendAsync(target.Upstream, HttpMethod.Get, target.Upstream.V2($"{target.Repository}/manifests/{digest}"),
            r => r.Headers.TryAddWithoutValidation("Accept", string.Join(", ", MediaTypes.AllManifests)), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) return null;
        byte[] body;
        try
        {
            body = await BoundedBody.ReadAsync(response.Content, RawManifest.MaxSize, ct).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        var (manifest, _, _) = ManifestValidation.Check(body, digest.Value);
        return Digest.TryParse(manifest?.SubjectDigest, out var subject) ? subject : null;
    }

    private static Func<HttpResponseMessage, OciError?> TagRefused(UpstreamTarget target) => response =>
        (int)response.StatusCode is 400 or 405
            ? new OciError(OciErrorCode.Unsupported, $"upstream {target.Upstream.Name} does not delete tags; delete the manifest by digest")
            : null;
}
