using Facade.Configuration;
using Facade.Shared.Client;
using Microsoft.Extensions.Options;

namespace Facade.Upstreams;

/// <summary>Builds the upstreams from configuration, each with its own registry client.</summary>
internal static class UpstreamCatalogFactory
{
    public static UpstreamCatalog Create(IOptions<FacadeOptions> options, UpstreamLog log, TimeProvider? time = null)
    {
        var settings = options.Value;
        var upstreams = settings.Upstreams
            .Where(u => u.Value.Enabled)
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => Create(u.Key, u.Value, settings.Timeouts, log, time ?? TimeProvider.System))
            .ToList();
        return new UpstreamCatalog(upstreams, settings.DefaultUpstream);
    }

    private static UpstreamRegistry Create(string name, UpstreamOptions upstream, UpstreamTimeoutOptions timeouts, UpstreamLog log, TimeProvider time)
    {
        var baseUri = new Uri(upstream.Url, UriKind.Absolute);
        var http = UpstreamHandlers.Options(name, upstream, timeouts, log) with { Registry = baseUri, Time = time };
        var client = new RegistryClient(baseUri, new HttpMessageInvoker(RegistryHttp.CreateHandler(http), disposeHandler: true), ownsClient: true, http);
        return new UpstreamRegistry(name, client, upstream.Writable, HubRegistry.IsHub(baseUri));
    }
}
