using Facade.Composition;
using Facade.Composition.Serving;
using Facade.Http;
using Facade.Metrics;
using Facade.Push;
using Facade.Routing;
using Facade.Shared.Errors;
using Facade.Shared.Oci;
using Facade.Upstreams;

namespace Facade.Endpoints;

/// <summary>
/// The single entry for every <c>/v2</c> request: parses the route once, picks the upstream,
/// dispatches by route and method, and turns failures into distribution errors.
/// </summary>
internal sealed partial class DistributionHandler(
    UpstreamCatalog catalog, MirrorEndpoints mirror, CompositionEndpoints composition, PushHandler push, FacadeMetrics metrics,
    ILogger<DistributionHandler> log)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        var parsed = RouteParser.Parse(context.Request.Path.Value ?? "", context.Request.Method);
        var label = parsed.Route?.Label ?? "invalid";
        try
        {
            if (parsed.Error is { } invalid) await OciResults.WriteErrorAsync(context, invalid).ConfigureAwait(false);
            else if (parsed.Route is null) await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.NameUnknown, "no such route")).ConfigureAwait(false);
            else await DispatchAsync(context, parsed.Route).ConfigureAwait(false);
        }
        catch (UpstreamException e)
        {
            await OciResults.WriteErrorAsync(context, e.Error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; nothing to answer.
        }
        catch (Exception e) when (e is IOException or System.Net.Http.HttpRequestException)
        {
            LogFailed(context.Request.Path.Value ?? "", e.Message);
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.BadGateway, "upstream transfer failed")).ConfigureAwait(false);
        }
        catch (ManifestFormatException e)
        {
            LogFailed(context.Request.Path.Value ?? "", e.Message);
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.BadGateway, "an upstream sent an invalid manifest: " + e.Message)).ConfigureAwait(false);
        }
        catch (Shared.Composition.CompositionException e)
        {
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.ManifestInvalid, e.Message)).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A defect: say so in the log with the stack, and still answer in the protocol's terms.
            LogDefect(context.Request.Path.Value ?? "", e);
            await OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.Internal, "internal error")).ConfigureAwait(false);
        }
        finally
        {
            metrics.Request(label, context.Request.Method, context.Response.StatusCode);
        }
    }

    private Task DispatchAsync(HttpContext context, DistributionRoute route)
    {
        var method = context.Request.Method;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        if (route.Kind == RouteKind.Base)
        {
            return read ? WriteBaseAsync(context) : Unsupported(context, "method not allowed on /v2/");
        }
        if (route.Name is "remote" or "fixed" && route.Kind == RouteKind.Manifest && !Digest.TryParse(route.Reference, out _))
        {
            // Gitpod's own form: the id is the tag (/v2/remote/manifests/<id>).
            route = route with { Name = $"{route.Name}/{route.Reference}", Reference = "latest" };
        }
        if (route.Name is "remote" or "fixed" || SpecProviderRouter.IsComposedName(route.Name))
        {
            // Composed images are computed, never stored: nothing can be pushed to them.
            return (read, route.Kind) switch
            {
                (true, RouteKind.Manifest) => composition.ManifestAsync(context, route),
                (true, RouteKind.Blob) => composition.BlobAsync(context, route),
                _ => Unsupported(context, "composed images are read-only and have no tags list or referrers"),
            };
        }
        var isPush = route.Kind == RouteKind.BlobUpload || (!read && route.Kind is RouteKind.Manifest or RouteKind.Blob);
        if (isPush) return push.HandleAsync(context, route);
        if (!read) return Unsupported(context, $"{method} is not supported here");

        var (target, error) = catalog.Resolve(route.Name, context.Request.Query["ns"].ToString());
        if (target is null) return OciResults.WriteErrorAsync(context, error!);
        return route.Kind switch
        {
            RouteKind.Manifest => mirror.ManifestAsync(context, route, target),
            RouteKind.Blob => mirror.BlobAsync(context, route, target),
            RouteKind.Tags => mirror.TagsAsync(context, route, target),
            RouteKind.Referrers => mirror.ReferrersAsync(context, route, target),
            _ => Unsupported(context, "not supported"),
        };
    }

    private static Task WriteBaseAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = EmptyObject.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(EmptyObject).AsTask();
    }

    private static Task Unsupported(HttpContext context, string message) =>
        OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.Unsupported, message));

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "request {Path} hit a defect")]
    private partial void LogDefect(string path, Exception exception);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "request {Path} failed: {Reason}")]
    private partial void LogFailed(string path, string reason);
}
