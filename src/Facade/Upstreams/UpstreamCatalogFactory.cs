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
        var clock = time ?? TimeProvider.System;
        var upstreams = settings.Upstreams
            .Where(u => u.Value.Enabled)
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => Create(u.Key, u.Value, settings.Timeouts, log, clock))
            .ToList();
        var onDemand = settings.OnDemandUpstreams;
        return new UpstreamCatalog(upstreams, settings.DefaultUpstream, onDemand.Enabled
            ? authority => OnDemand(authority, onDemand.DockerConfig, settings.Timeouts, log, clock)
            : null);
    }

    private static UpstreamRegistry OnDemand(string authority, string? dockerConfig, UpstreamTimeoutOptions timeouts, UpstreamLog log, TimeProvider time)
    {
        // Docker and containerd speak plain HTTP to a loopback registry and HTTPS to any other.
        var url = (IsLoopback(authority) ? "http://" : "https://") + authority;
        return Create(authority, new UpstreamOptions { Url = url, DockerConfig = dockerConfig }, timeouts, log, time);
    }

    private static bool IsLoopback(string authority)
    {
        var host = new Uri("http://" + authority).Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    private static UpstreamRegistry Create(string name, UpstreamOptions upstream, UpstreamTimeoutOptions timeouts, UpstreamLog log, TimeProvider time)
    {
        var baseUri = new Uri(upstream.Url, UriKind.Absolute);
        var http = UpstreamHandlers.Options(name, upstream, timeouts, log) with { Registry = baseUri, Time = time };
        var client = new RegistryClient(baseUri, new HttpMessageInvoker(RegistryHttp.CreateHandler(http), disposeHandler: true), ownsClient: true, http);
        return new UpstreamRegistry(name, client, upstream.Writable, HubRegistry.IsHub(baseUri));
    }
}
