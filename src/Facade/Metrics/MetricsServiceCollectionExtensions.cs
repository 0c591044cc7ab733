
namespace Facade.Metrics;

/// <summary>Registers the facade's instruments and the Prometheus exporter.</summary>
internal static class MetricsServiceCollectionExtensions
{
    /// <summary>Registers the facade's instruments and the Prometheus exporter.</summary>
    public static IServiceCollection AddFacadeMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<FacadeMetrics>();
        services.AddSingleton<PrometheusExporter>();
        return services;
    }
}
