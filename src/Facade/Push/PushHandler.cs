using Facade.Configuration;
using Facade.Http;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Push;

/// <summary>
/// Entry for every push route (uploads, manifest PUT, DELETE). Push is passed through only when
/// it is enabled in configuration and the selected upstream is writable; otherwise, and for
/// methods the route does not have, the answer is 405 UNSUPPORTED and nothing goes upstream.
/// </summary>
internal sealed class PushHandler(
    UpstreamCatalog catalog, IOptions<FacadeOptions> options, BlobUploads uploads, ManifestPushes manifests, PushDeletes deletes)
{
    public Task HandleAsync(HttpContext context, DistributionRoute route)
    {
        if (!options.Value.Push.Enabled) return Unsupported(context, "push is disabled on this registry facade");
        var (target, error) = catalog.Resolve(route.Name, context.Request.Query["ns"].ToString());
        if (target is null) return OciResults.WriteErrorAsync(context, error!);
        if (!target.Upstream.Writable) return Unsupported(context, $"upstream {target.Upstream.Name} is not writable through this facade");

        var method = context.Request.Method;
        var session = route.Reference.Length > 0;
        return route.Kind switch
        {
            RouteKind.BlobUpload when !session && HttpMethods.IsPost(method) => uploads.StartAsync(context, route, target),
            RouteKind.BlobUpload when session && (HttpMethods.IsGet(method) || HttpMethods.IsPatch(method) || HttpMethods.IsPut(method)
                || HttpMethods.IsDelete(method)) => uploads.ContinueAsync(context, route, target),
            RouteKind.Manifest when HttpMethods.IsPut(method) => manifests.PutAsync(context, route, target),
            RouteKind.Manifest when HttpMethods.IsDelete(method) => deletes.ManifestAsync(context, route, target),
            RouteKind.Blob when HttpMethods.IsDelete(method) => deletes.BlobAsync(context, route, target),
            _ => Unsupported(context, $"{method} is not supported on this route"),
        };
    }

    private static Task Unsupported(HttpContext context, string message) =>
        OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.Unsupported, message));
}
