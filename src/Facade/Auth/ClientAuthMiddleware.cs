using System.Globalization;
using System.Net;
using Facade.Http;
using Facade.Shared.Errors;
using Microsoft.Extensions.Options;

namespace Facade.Auth;

/// <summary>
/// The policy in front of <c>/v2</c>: <c>/v2/</c> itself and every push need valid credentials
/// (so <c>docker login</c> and <c>skopeo login</c> have something to check and clients learn the
/// Basic challenge), pulls need them when <see cref="PullPolicy.Authenticated"/>; wrong
/// credentials are refused everywhere. Refusals are 401 with <c>WWW-Authenticate: Basic</c> or,
/// for an address that failed too often, 429 with <c>Retry-After</c>; both as OCI envelopes.
/// </summary>
internal sealed class ClientAuthMiddleware(RequestDelegate next, ClientAuthenticator authenticator, IOptions<AuthOptions> options)
{
    private readonly string _challenge = $"Basic realm=\"{options.Value.Realm}\"";
    private readonly bool _pullNeedsCredentials = options.Value.Pull == PullPolicy.Authenticated;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/v2", out var rest)) return next(context);
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var result = authenticator.Authenticate(request, address);
        switch (result.Status)
        {
            case AuthStatus.Authenticated:
                return next(context);
            case AuthStatus.Limited:
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Refuse(context, new OciError(OciErrorCode.TooManyRequests, "too many failed authentication attempts"));
            case AuthStatus.Invalid:
                return Refuse(context, new OciError(OciErrorCode.Unauthorized, "invalid credentials"));
        }
        var isBase = !rest.HasValue || rest.Value == "/";
        var isRead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (isBase || !isRead || _pullNeedsCredentials)
            return Refuse(context, new OciError(OciErrorCode.Unauthorized, "authentication required"));
        return next(context);
    }

    private Task Refuse(HttpContext context, OciError error)
    {
        context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
        if (error.Code == OciErrorCode.Unauthorized) context.Response.Headers.WWWAuthenticate = _challenge;
        return OciResults.WriteErrorAsync(context, error);
    }
}
