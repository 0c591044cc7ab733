namespace Facade.Metrics;

/// <summary>
/// Facts about one request that only the handlers know (which upstream, where the bytes came
/// from, how many were sent), collected for the access log line. Set as a request feature by
/// <see cref="AccessLogMiddleware"/>; handlers fill it in through <see cref="For"/>.
/// </summary>
internal sealed class RequestLog
{
    /// <summary>The route in template form (never the concrete path: names and digests stay out of it).</summary>
    public string? Route { get; set; }

    public string? Upstream { get; set; }

    /// <summary>cache, upstream, ipfs, composed, ... as on <c>facade_bytes_served_total</c>.</summary>
    public string? Source { get; set; }

    /// <summary>Body bytes actually sent, when a handler counted them (else the response's Content-Length).</summary>
    public long? Bytes { get; set; }

    /// <summary>The request's record, or null outside a request the middleware saw.</summary>
    public static RequestLog? For(HttpContext context) => context.Features.Get<RequestLog>();
}
