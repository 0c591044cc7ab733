using Facade.Blobs;
using Facade.Composition;
using Facade.Composition.Serving;
using Facade.Configuration;
using Facade.Endpoints;
using Facade.Http;
using Facade.Ipfs;
using Facade.Redis;
using Facade.Manifests;
using Facade.Metrics;
using Facade.Push;
using Facade.Shared.Errors;
using Facade.Storage;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Hosting;

/// <summary>Composes the facade's web application: services, endpoints, health and metrics.</summary>
public static class FacadeApp
{
    /// <summary>Builds the app from command-line arguments (and the usual configuration sources).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
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

    /// <summary>Registers the facade's services.</summary>
    public static IServiceCollection AddFacade(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FacadeOptions>().Bind(configuration.GetSection(FacadeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FacadeOptions>, FacadeOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<FacadeMetrics>();
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<ContentStore>();
        services.AddSingleton(sp => UpstreamCatalogFactory.Create(sp.GetRequiredService<IOptions<FacadeOptions>>()));
        services.AddSingleton<UpstreamSender>();
        services.AddSingleton<TagCache>();
        services.AddSingleton<ManifestFetcher>();
        services.AddSingleton<ManifestService>();
        services.AddRedisState(configuration);
        services.AddIpfs(configuration);
        services.AddSingleton<IValidateOptions<IpfsOptions>, IpfsNeedsRedisValidator>();
        services.AddSingleton<LayerMediaTypes>();
        services.AddSingleton<IpfsManifestRewriter>();
        services.AddSingleton<PublishQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishQueue>());
        services.AddSingleton<BlobSources>();
        services.AddSingleton<BlobFills>();
        services.AddSingleton<MirrorBlobs>();
        services.AddSingleton<BlobResponder>();
        services.AddSingleton<TagLister>();
        services.AddSingleton<MirrorEndpoints>();
        services.AddSingleton<UploadOffsets>();
        services.AddSingleton<PushForwarder>();
        services.AddSingleton<BlobUploads>();
        services.AddSingleton<ReferrersTagWriter>();
        services.AddSingleton<ReferrersFromTag>();
        services.AddSingleton<ManifestPushes>();
        services.AddSingleton<PushDeletes>();
        services.AddSingleton<PushHandler>();
        services.AddSingleton<DistributionHandler>();
        services.AddHttpForwarder();
        services.AddComposition(configuration);
        services.AddSingleton(sp => new CompositionCache(sp.GetRequiredService<CompositionOptions>().CacheEntries));
        services.AddSingleton<MirrorImageSource>();
        services.AddSingleton<IImageSource>(sp => sp.GetRequiredService<MirrorImageSource>());
        services.AddSingleton<CompositionService>();
        services.AddSingleton<CompositionEndpoints>();
        return services;
    }

    /// <summary>Maps <c>/v2</c>, health, metrics, and a distribution 404 for everything else.</summary>
    public static WebApplication MapFacade(this WebApplication app)
    {
        // Create the exporter and the store before the first request, so start-up fails fast
        // on a bad cache directory and no early measurement is missed.
        app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<ContentStore>();
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
