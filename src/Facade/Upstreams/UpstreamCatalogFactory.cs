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
        var onDemand = settings.OnDemandUpstreams;
        return new UpstreamCatalog(upstreams, settings.DefaultUpstream, onDemand.Enabled
            ? authority => OnDemand(authority, onDemand.DockerConfig, settings.Timeouts, redirect)
            : null);
    }

    private static UpstreamRegistry OnDemand(string authority, string? dockerConfig, UpstreamTimeoutOptions timeouts, HttpMessageInvoker redirect)
    {
        // Docker and containerd speak plain HTTP to a loopback registry and HTTPS to any other.
        var url = (IsLoopback(authority) ? "http://" : "https://") + authority;
        var options = new UpstreamOptions { Url = url, DockerConfig = dockerConfig };
        return new UpstreamRegistry(authority, BaseUri(url),
            new HttpMessageInvoker(UpstreamHandlers.Create(authority, options, timeouts), disposeHandler: true), redirect, writable: false);
    }

    private static bool IsLoopback(string authority)
    {
        var host = new Uri("http://" + authority).Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    private static Uri BaseUri(string url) => new(url.TrimEnd('/') + "/", UriKind.Absolute);
}
