using Daemon.Archive;
using Daemon.Content;
using Daemon.Content.Git;
using Daemon.Content.Initializers;
using Daemon.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Daemon.Hosting;

/// <summary>Registers and maps the workspace content half of the daemon.</summary>
internal static class ContentHostingExtensions
{
    /// <summary>Binds and validates <c>Daemon:</c> options and registers the content services.</summary>
    public static IServiceCollection AddWorkspaceContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DaemonOptions>()
            .Bind(configuration.GetSection(DaemonOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DaemonOptions>, DaemonOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DaemonOptions>>().Value);
        services.AddHttpClient(FileDownloader.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, UseCookies = false });
        services.AddContentStorage();
        services.AddSingleton<WorkspaceTarWriter>();
        services.AddSingleton<WorkspaceTarReader>();
        services.AddSingleton<GitCli>();
        services.AddSingleton<GitCheckout>();
        services.AddSingleton<GitStatusReader>();
        services.AddSingleton<FileDownloader>();
        services.AddSingleton<ArchiveTransfer>();
        services.AddSingleton<InitializerValidator>();
        services.AddSingleton<InitializerRunner>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WorkspaceRegistry>();
        services.AddSingleton<WorkspaceLifecycle>();
        services.AddSingleton<WorkspaceArchiving>();
        services.AddGrpc().AddServiceOptions<WorkspaceContentGrpcService>(o => o.Interceptors.Add<ContentErrorInterceptor>());
        return services;
    }

    /// <summary>Makes Kestrel listen on <c>Daemon:Content:Listen</c> with HTTP/2 only (gRPC without TLS).</summary>
    public static WebApplicationBuilder ListenForWorkspaceContent(this WebApplicationBuilder builder)
    {
        var text = builder.Configuration[$"{DaemonOptions.Section}:Content:Listen"] ?? new ContentOptions().Listen;
        if (!ListenAddress.TryParse(text, out var address, out var error))
            throw new OptionsValidationException(DaemonOptions.Section, typeof(DaemonOptions), [$"Daemon:Content:Listen: {error}"]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (address.SocketPath is { } path)
            {
                // A stale socket from an earlier run would make the bind fail.
                if (File.Exists(path)) File.Delete(path);
                kestrel.ListenUnixSocket(path, l => l.Protocols = HttpProtocols.Http2);
            }
            else
            {
                kestrel.Listen(address.Endpoint!, l => l.Protocols = HttpProtocols.Http2);
            }
        });
        return builder;
    }

    /// <summary>Maps the <c>wsdaemon.WorkspaceContentService</c> gRPC service.</summary>
    public static IEndpointRouteBuilder MapWorkspaceContent(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<WorkspaceContentGrpcService>();
        return endpoints;
    }
}
