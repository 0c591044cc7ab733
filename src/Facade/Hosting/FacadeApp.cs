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

    /// <summary>
    /// Builds and runs the facade until it is stopped (SIGTERM drains, see <see cref="ShutdownDrain"/>).
    /// A start-up refusal that is the operator's to fix (the cache directory in use) is one clear
    /// line on stderr and exit code 1, not a stack trace.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            await Console.Error.WriteLineAsync("facade: cannot start: " + refusal.Message).ConfigureAwait(false);
            return 1;
        }
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static CacheInUseException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is CacheInUseException refusal) return refusal;
        return null;
    }

    /// <summary>Registers the facade's services: one call per feature folder, each adding what it owns.</summary>
    public static IServiceCollection AddFacade(this IServiceCollection services, IConfiguration configuration) => services
        .AddFacadeOptions(configuration)
        .AddGracefulShutdown()
        .AddClientAuth(configuration)
        .AddGitpod(configuration)
        .AddFacadeMetrics(configuration)
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
        // Create the store before the first request, so start-up fails fast on a bad cache directory.
        app.Services.GetRequiredService<ContentStore>();
        app.UseFacadeAccessLog();
        // Prefix and listener rules first, routing after them (the prefix leaves the path), then auth.
        app.UseGitpod();
        app.UseRouting();
        app.UseClientAuth();
        var handler = app.Services.GetRequiredService<DistributionHandler>();
        RequestDelegate v2 = handler.HandleAsync;
        app.Map("/v2", v2);
        app.Map("/v2/{**path}", v2);
        app.MapFacadeMetrics();
        app.MapGet("/health/live", () => Results.Text("ok"));
        app.MapGet("/health/ready", (ContentStore store, ShutdownDrain drain) => HealthChecks.Ready(store, drain));
        app.MapFallback(context => OciResults.WriteErrorAsync(context, new OciError(OciErrorCode.NameUnknown, "no such route")));
        return app;
    }
}
