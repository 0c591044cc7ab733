using System.Net;
using Facade.Configuration;
using Microsoft.Extensions.Options;

namespace Facade.Upstreams;

/// <summary>
/// Builds one outbound handler per upstream from configuration: no proxy, no automatic
/// redirects, no decompression, no cookies; connection pooling with a bounded lifetime.
/// </summary>
internal static class UpstreamCatalogFactory
{
    public static UpstreamCatalog Create(IOptions<FacadeOptions> options)
    {
        var settings = options.Value;
        var redirect = new HttpMessageInvoker(NewSocketsHandler(settings.Timeouts), disposeHandler: true);
        var upstreams = settings.Upstreams
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => new UpstreamRegistry(u.Key, BaseUri(u.Value.Url), CreateInvoker(u.Value, settings.Timeouts), redirect, u.Value.Writable))
            .ToList();
        return new UpstreamCatalog(upstreams, settings.DefaultUpstream);
    }

    private static Uri BaseUri(string url) => new(url.TrimEnd('/') + "/", UriKind.Absolute);

    private static HttpMessageInvoker CreateInvoker(UpstreamOptions upstream, UpstreamTimeoutOptions timeouts)
    {
        HttpMessageHandler handler = NewSocketsHandler(timeouts);
        handler = UpstreamHandlers.Wrap(handler, upstream, timeouts);
        return new HttpMessageInvoker(handler, disposeHandler: true);
    }

    private static SocketsHttpHandler NewSocketsHandler(UpstreamTimeoutOptions timeouts) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = timeouts.Connect,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        EnableMultipleHttp2Connections = true,
    };
}
