using Microsoft.Extensions.Options;

namespace Facade.Gitpod;

/// <summary>Registers what a Gitpod config adds: prefix and the metrics and readiness listeners.</summary>
internal static class GitpodServiceCollectionExtensions
{
    /// <summary>Binds <c>Facade:Gitpod</c>.</summary>
    public static IServiceCollection AddGitpod(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GitpodOptions>().Bind(configuration.GetSection(GitpodOptions.Section));
        return services;
    }

    /// <summary>
    /// Reports unused Gitpod keys, strips the prefix and restricts the extra listeners. Must run
    /// before routing, so the prefix is out of the path when endpoints are matched.
    /// </summary>
    public static WebApplication UseGitpod(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GitpodOptions>>().Value;
        // "/" or "" means no prefix, as in Gitpod's router.
        options.Prefix = string.IsNullOrEmpty(options.Prefix?.Trim('/')) ? null : options.Prefix.Trim('/');
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GitpodOptions).FullName!);
        foreach (var key in options.UnknownKeys) GitpodLog.UnknownKey(logger, key);
        if (!string.IsNullOrEmpty(options.Prefix)) app.UsePathBase("/" + options.Prefix);
        if (!string.IsNullOrEmpty(options.Prefix) || options.MetricsPort is not null || options.ReadinessPort is not null)
            app.UseMiddleware<GitpodListeners>();
        return app;
    }
}
