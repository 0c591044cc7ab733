
namespace Facade.Endpoints;

/// <summary>Registers the distribution request handler and the mirror's endpoints.</summary>
internal static class EndpointsServiceCollectionExtensions
{
    /// <summary>Registers the distribution request handler and the mirror's endpoints.</summary>
    public static IServiceCollection AddEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<MirrorEndpoints>();
        services.AddSingleton<DistributionHandler>();
        return services;
    }
}
