using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Daemon.ResourceLimiting;

/// <summary>Registers the CPU limiter.</summary>
internal static class ResourceLimitingExtensions
{
    /// <summary>Adds options, metrics and the hosted limiter; an <see cref="ILimitedWorkspaces"/> must be registered.</summary>
    public static IServiceCollection AddResourceLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ResourceLimitingOptions>()
            .Bind(configuration.GetSection(ResourceLimitingOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResourceLimitingOptions>>(new InWorkspace.ProblemListValidator<ResourceLimitingOptions>(o => o.Problems()));
        services.AddMetrics();
        services.AddSingleton<ResourceLimitingMetrics>();
        services.AddSingleton<CpuLimiterService>();
        services.AddHostedService(sp => sp.GetRequiredService<CpuLimiterService>());
        return services;
    }
}
