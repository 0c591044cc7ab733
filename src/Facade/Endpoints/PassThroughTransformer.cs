using Facade.Upstreams;
using Yarp.ReverseProxy.Forwarder;

namespace Facade.Endpoints;

/// <summary>
/// Rewrites a passed-through request onto the upstream's repository path and drops what belongs
/// to the client's session with the facade (its credentials, cookies, the <c>ns</c> parameter).
/// A <c>Link</c> header in the answer is mapped back onto the name the client used.
/// </summary>
internal sealed class PassThroughTransformer(UpstreamTarget target, string clientName, string upstreamPath) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
        string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Authorization = null;
        proxyRequest.Headers.Remove("Cookie");
        proxyRequest.Headers.Host = null;
        var query = QueryWithoutNs(httpContext.Request.Query);
        proxyRequest.RequestUri = new Uri(target.Upstream.BaseUri, upstreamPath + query);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
        CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var response = httpContext.Response;
        // The upstream's auth challenge is between the facade and the upstream, not the client.
        response.Headers.Remove("WWW-Authenticate");
        var link = response.Headers.Link.ToString();
        if (link.Length > 0)
        {
            var ns = httpContext.Request.Query["ns"].ToString();
            var mapped = link.Replace($"/v2/{target.Repository}/", $"/v2/{clientName}/", StringComparison.Ordinal);
            if (ns.Length > 0) mapped = mapped.Replace(">;", $"&ns={Uri.EscapeDataString(ns)}>;", StringComparison.Ordinal);
            response.Headers.Link = mapped;
        }
        return proceed;
    }

    private static string QueryWithoutNs(IQueryCollection query)
    {
        var kept = query.Where(q => !q.Key.Equals("ns", StringComparison.Ordinal))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .ToList();
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);
    }
}
