using Facade.Configuration;
using Microsoft.Extensions.Options;

namespace Facade.Hosting;

/// <summary>Registers the graceful shutdown: the drain clock and the wait for fills.</summary>
internal static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// <c>Facade:ShutdownTimeout</c> becomes the host's shutdown timeout (how long Kestrel lets
    /// in-flight requests finish after it stopped accepting connections).
    /// </summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<HostOptions>().Configure<IOptions<FacadeOptions>>((host, facade) => host.ShutdownTimeout = facade.Value.ShutdownTimeout);
        services.AddSingleton<ShutdownDrain>();
        services.AddHostedService<FillDrainService>();
        return services;
    }
}
