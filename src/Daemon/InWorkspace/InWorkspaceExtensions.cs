using Daemon.Linux;
using Daemon.ResourceLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>Wires the in-workspace service and resource limiting into the daemon.</summary>
public static class InWorkspaceExtensions
{
    /// <summary>Registers options (validated at start), operations, the workspace registry and the CPU limiter.</summary>
    public static IServiceCollection AddInWorkspace(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InWorkspaceOptions>()
            .Bind(configuration.GetSection(InWorkspaceOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InWorkspaceOptions>>(new ProblemListValidator<InWorkspaceOptions>(o => o.Problems()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new PidTranslator());
        services.AddSingleton<WorkspacePids>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<InWorkspaceOptions>>().Value;
            return new NamespaceHelperLauncher(HelperCommand.Resolve(o.HelperPath), o.CommandTimeout);
        });
        services.AddSingleton(sp => new VethPairs(sp.GetRequiredService<IOptions<InWorkspaceOptions>>().Value.CommandTimeout));
        services.AddSingleton<IdMapper>();
        services.AddSingleton<NamespaceMounter>();
        services.AddSingleton<NetworkSetup>();
        services.AddSingleton<CGroupOperations>();
        services.AddSingleton<UserNamespacePreparer>();
        services.AddSingleton<TeardownOperation>();
        services.AddSingleton<InWorkspaceToolkit>();
        services.AddSingleton<WorkspaceRegistry>();
        services.AddHostedService<StaticWorkspaces>();
        services.AddSingleton<ILimitedWorkspaces, RegisteredCGroups>();
        services.AddResourceLimiting(configuration);
        return services;
    }

    /// <summary>
    /// Completes the wiring on the built application. The per-workspace services live on their own
    /// sockets, so nothing is mapped on the daemon's main endpoints; resolving the registry here
    /// makes configuration errors surface at startup rather than at the first registration.
    /// </summary>
    public static WebApplication MapInWorkspace(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<WorkspaceRegistry>();
        return app;
    }
}
