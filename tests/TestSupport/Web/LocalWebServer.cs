using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facade.TestSupport;

/// <summary>
/// A Kestrel server on 127.0.0.1 (or another local address) with a port chosen by the kernel (so
/// no port race), for test servers written in a few lines: token servers, counting proxies, fault
/// injectors, registries on a second host name.
/// </summary>
public sealed class LocalWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalWebServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's root URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary><c>host:port</c> of the server.</summary>
    public string Authority => BaseUri.Authority;

    /// <summary>
    /// Starts a server; <paramref name="configure"/> maps its endpoints or middleware. With a
    /// <paramref name="certificate"/> (and its private key) it serves HTTPS, offering HTTP/2 and
    /// HTTP/1.1 by ALPN unless <paramref name="protocols"/> narrows it.
    /// </summary>
    public static async Task<LocalWebServer> StartAsync(Action<WebApplication> configure, Action<IServiceCollection>? services = null,
        IPAddress? address = null, X509Certificate2? certificate = null, HttpProtocols? protocols = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(address ?? IPAddress.Loopback, 0, listen =>
            {
                if (protocols is { } only) listen.Protocols = only;
                if (certificate is not null) listen.UseHttps(certificate);
            });
            options.Limits.MaxRequestBodySize = null;
            options.AddServerHeader = false;
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalWebServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync();
    }
}
