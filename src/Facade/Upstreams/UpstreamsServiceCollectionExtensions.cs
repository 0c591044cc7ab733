using Facade.Configuration;
using Microsoft.Extensions.Options;

namespace Facade.Upstreams;

/// <summary>Registers the configured upstream registries and the sender every upstream request goes through.</summary>
internal static class UpstreamsServiceCollectionExtensions
{
    /// <summary>Registers the configured upstream registries and the sender every upstream request goes through.</summary>
    public static IServiceCollection AddUpstreams(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamLog>();
        services.AddSingleton(sp => UpstreamCatalogFactory.Create(sp.GetRequiredService<IOptions<FacadeOptions>>(), sp.GetRequiredService<UpstreamLog>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<UpstreamSender>();
        return services;
    }
}
