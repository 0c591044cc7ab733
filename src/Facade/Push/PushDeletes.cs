using Facade.Manifests;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Push;

/// <summary>
/// DELETE of manifests (by digest or tag) and blobs, passed through. A manifest deletion makes
/// the facade forget the repository's cached tags. An upstream that cannot delete tags (it
/// answers 400 or 405 to a tag) is reported as 405 UNSUPPORTED, one of the two answers the
/// specification gives a registry for that.
/// </summary>
internal sealed class PushDeletes(PushForwarder forwarder, ManifestService manifests)
{
    public Task ManifestAsync(HttpContext context, DistributionRoute route, UpstreamTarget target)
    {
        var isTag = !Digest.TryParse(route.Reference, out _);
        var plan = new ForwardPlan($"/v2/{target.Repository}/manifests/{route.Reference}")
        {
            MapError = isTag ? TagRefused(target) : null,
            OnSuccess = (_, _) =>
            {
                manifests.InvalidateRepository(target);
                return Task.CompletedTask;
            },
        };
        return forwarder.ForwardAsync(context, target, route.Name, plan);
    }

    public Task BlobAsync(HttpContext context, DistributionRoute route, UpstreamTarget target) =>
        forwarder.ForwardAsync(context, target, route.Name, new ForwardPlan($"/v2/{target.Repository}/blobs/{route.Reference}"));

    private static Func<HttpResponseMessage, OciError?> TagRefused(UpstreamTarget target) => response =>
        (int)response.StatusCode is 400 or 405
            ? new OciError(OciErrorCode.Unsupported, $"upstream {target.Upstream.Name} does not delete tags; delete the manifest by digest")
            : null;
}
