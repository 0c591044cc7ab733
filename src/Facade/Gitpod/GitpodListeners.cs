using Facade.Http;
using Facade.Shared.Errors;
using Microsoft.Extensions.Options;

namespace Facade.Gitpod;

/// <summary>
/// What Gitpod's separate listeners answer: the metrics port only <c>/metrics</c>, the readiness
/// port <c>/ready</c> and <c>/live</c> (mapped onto the facade's <c>/health/*</c>); with a prefix,
/// the distribution API only below it. Everything else on those ports is 404.
/// </summary>
internal sealed class GitpodListeners(RequestDelegate next, IOptions<GitpodOptions> options)
{
    private readonly GitpodOptions _options = options.Value;

    public Task InvokeAsync(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        var path = context.Request.Path;
        if (port == _options.MetricsPort)
            return path == "/metrics" ? next(context) : NotFound(context);
        if (port == _options.ReadinessPort)
        {
            if (path == "/ready" || path == "/live")
            {
                context.Request.Path = "/health" + path;
                // Routing may already have matched the old path; clear it so routing runs again.
                context.SetEndpoint(null);
                context.Request.RouteValues.Clear();
            }
            return context.Request.Path.StartsWithSegments("/health") ? next(context) : NotFound(context);
        }
        // UsePathBase moved a matching prefix into PathBase; a /v2 request without it is not ours.
        if (!string.IsNullOrEmpty(_options.Prefix) && !context.Request.PathBase.HasValue && path.StartsWithSegments("/v2"))
            return OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.NameUnknown, "the registry is served under its prefix"));
        return next(context);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
