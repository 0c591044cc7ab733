using System.Net;
using System.Net.Sockets;
using Facade.Shared.Client;
using Facade.Shared.Errors;

namespace Facade.Upstreams;

/// <summary>
/// Maps what went wrong talking to an upstream onto the error a client gets. Messages name the
/// upstream but never carry its credentials; a token service's refusal reason is passed on.
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

    /// <summary>
    /// True for the failures a registry client reports, as opposed to bugs and the caller's own
    /// cancellation (the client turns its timeouts into <see cref="TimeoutException"/>). A bare
    /// <see cref="SocketException"/> is one too: the HTTP stack lets it out unwrapped when a
    /// connection is torn down while it is being set up (ENOTCONN asking for the peer's address).
    /// </summary>
    public static bool IsClientFailure(Exception e) =>
        e is RegistryException or RegistryAuthException or IOException or HttpRequestException or TimeoutException or SocketException;

    /// <summary>The error for an exception raised while talking to an upstream.</summary>
    public static OciError FromException(UpstreamRegistry upstream, Exception e) => e switch
    {
        RegistryException r => FromStatus(upstream, r.StatusCode, OciErrorCode.NameUnknown),
        RegistryAuthException { StatusCode: 401 } a => new OciError(OciErrorCode.Unauthorized, Refused(upstream, a)),
        RegistryAuthException { StatusCode: 403 } a => new OciError(OciErrorCode.Denied, Refused(upstream, a)),
        RegistryAuthException { StatusCode: 429 } => new OciError(OciErrorCode.TooManyRequests, $"token service of upstream {upstream.Name} is rate limiting"),
        RegistryAuthException { StatusCode: null or >= 500 } => new OciError(OciErrorCode.Unavailable, $"token service of upstream {upstream.Name} is unavailable"),
        RegistryAuthException a => new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name}: {a.Message}"),
        OutboundRefusedException o => new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name}: {o.Message}"),
        InvalidDataException d => new OciError(OciErrorCode.BadGateway, $"upstream {upstream.Name} sent an invalid response: {d.Message}"),
        TimeoutException => new OciError(OciErrorCode.GatewayTimeout, $"upstream {upstream.Name} made no progress in time"),
        _ => new OciError(OciErrorCode.Unavailable, $"upstream {upstream.Name} is unreachable"),
    };

    /// <summary>True when the status means the upstream (not the request) failed, so a stale answer may stand in.</summary>
    public static bool IsUpstreamFault(OciError error) =>
        error.Code is OciErrorCode.BadGateway or OciErrorCode.GatewayTimeout or OciErrorCode.Unavailable or OciErrorCode.TooManyRequests;

    private static string Refused(UpstreamRegistry upstream, RegistryAuthException e) =>
        $"token service of upstream {upstream.Name} refused access ({e.StatusCode})" + (e.Reason is null ? "" : $": {e.Reason}");
}
