using System.Net;
using Facade.Shared.Errors;

namespace Facade.Upstreams;

/// <summary>
/// Maps what went wrong talking to an upstream onto the error a client gets. Messages name the
/// upstream but never carry its credentials or response bodies.
/// </summary>
internal static class UpstreamFailure
{
    /// <summary>The error for an upstream status that is not a success (404 mapped by the caller).</summary>
    public static OciError FromStatus(UpstreamRegistry upstream, HttpStatusCode status, OciErrorCode notFound) => (int)status switch
    {
        404 => new OciError(notFound),
        401 or 403 => new OciError(OciErrorCode.Denied, $"upstream {upstream.Name} refused access ({(int)status})"),
        429 => new OciError(OciErrorCode.TooManyRequests, $"upstream {upstream.Name} is rate limiting"),
        504 => new OciError(OciErrorCode.GatewayTimeout, $"upstream {upstream.Name} timed out"),
        >= 500 => new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name} failed with {(int)status}"),
        _ => new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name} answered {(int)status}"),
    };

    /// <summary>The error for an exception raised while talking to an upstream.</summary>
    public static OciError FromException(UpstreamRegistry upstream, Exception e) => e switch
    {
        TimeoutException or OperationCanceledException => new OciError(OciErrorCode.GatewayTimeout, $"upstream {upstream.Name} made no progress in time"),
        _ => new OciError(OciErrorCode.Unavailable, $"upstream {upstream.Name} is unreachable"),
    };

    /// <summary>True when the status means the upstream (not the request) failed, so a stale answer may stand in.</summary>
    public static bool IsUpstreamFault(OciError error) =>
        error.Code is OciErrorCode.BadGateway or OciErrorCode.GatewayTimeout or OciErrorCode.Unavailable or OciErrorCode.TooManyRequests;
}
