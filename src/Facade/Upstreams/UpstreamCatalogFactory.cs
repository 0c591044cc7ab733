using Facade.Configuration;
using Facade.Shared.Client;
using Microsoft.Extensions.Options;

namespace Facade.Upstreams;

/// <summary>
/// Builds the upstreams from configuration, each with its own outbound handler chain, plus one
/// credential-free client for following storage redirects.
/// </summary>
internal static class UpstreamCatalogFactory
{
    public static UpstreamCatalog Create(IOptions<FacadeOptions> options)
    {
        var settings = options.Value;
        var redirect = new HttpMessageInvoker(
            RegistryHttp.CreateSocketsHandler(new RegistryHttpOptions { ConnectTimeout = settings.Timeouts.Connect }), disposeHandler: true);
        var upstreams = settings.Upstreams
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => new UpstreamRegistry(u.Key, BaseUri(u.Value.Url),
                new HttpMessageInvoker(UpstreamHandlers.Create(u.Key, u.Value, settings.Timeouts), disposeHandler: true), redirect, u.Value.Writable))
            .ToList();
        return new UpstreamCatalog(upstreams, settings.DefaultUpstream);
    }

    private static Uri BaseUri(string url) => new(url.TrimEnd('/') + "/", UriKind.Absolute);
}
