using Facade.Auth;
using Facade.Deletes;
using Facade.Blobs;
using Facade.Composition;
using Facade.Composition.Serving;
using Facade.Configuration;
using Facade.Endpoints;
using Facade.Gitpod;
using Facade.Http;
using Facade.Ipfs;
using Facade.Redis;
using Facade.Manifests;
using Facade.Metrics;
using Facade.Push;
using Facade.Shared.Errors;
using Facade.Storage;
using Facade.Upstreams;

namespace Facade.Hosting;

/// <summary>Composes the facade's web application: services, endpoints, health and metrics.</summary>
public static class FacadeApp
{
    /// <summary>Builds the app from command-line arguments (and the usual configuration sources).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // --gitpod-config <file>: Gitpod's registry-facade configuration, translated to ours.
        builder.Configuration.AddGitpodConfig();
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // TLS endpoints from configuration (Kestrel:Endpoints:<name>:Url and :Certificate); over
        // TLS, clients negotiate HTTP/2 or HTTP/1.1 by ALPN.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Services.AddFacade(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapFacade();
        return app;
    }

    /// <summary>Registers the facade's services: one call per feature folder, each adding what it owns.</summary>
    public static IServiceCollection AddFacade(this IServiceCollection services, IConfiguration configuration) => services
        .AddFacadeOptions(configuration)
        .AddClientAuth(configuration)
        .AddGitpod(configuration)
        .AddFacadeMetrics()
        .AddStorage()
        .AddUpstreams()
        .AddManifests()
        .AddRedisState(configuration)
        .AddIpfs(configuration)
        .AddBlobs()
        .AddResponders()
        .AddEndpoints()
        .AddPush()
        .AddDeletes()
        .AddComposedImages(configuration);

    /// <summary>Maps <c>/v2</c>, health, metrics, and a distribution 404 for everything else.</summary>
    public static WebApplication MapFacade(this WebApplication app)
    {
        // Create the exporter and the store before the first request, so start-up fails fast
        // on a bad cache directory and no early measurement is missed.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<ContentStore>();
        // Prefix and listener rules first, routing after them (the prefix leaves the path), then auth.
        app.UseGitpod();
        app.UseRouting();
        app.UseClientAuth();
        var handler = app.Services.GetRequiredService<DistributionHandler>();
        RequestDelegate v2 = handler.HandleAsync;
        app.Map("/v2", v2);
        app.Map("/v2/{**path}", v2);
        app.MapGet("/metrics", (PrometheusExporter exporter) => Results.Text(exporter.Render(), "text/plain; version=0.0.4"));
        app.MapGet("/health/live", () => Results.Text("ok"));
        app.MapGet("/health/ready", (ContentStore store) => HealthChecks.Ready(store));
        app.MapFallback(context => OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.NameUnknown, "no such route")));
        return app;
    }
}
