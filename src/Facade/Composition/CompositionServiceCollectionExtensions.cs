using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Facade.Composition;

/// <summary>Registers the spec providers and their router.</summary>
public static class CompositionServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Facade:Composition</c> and registers a singleton <see cref="SpecProviderRouter"/>
    /// backed by the gRPC providers (when any is configured) and the fixed file (when named), and
    /// a singleton <see cref="SpecImageComposer"/> over the <see cref="IImageSource"/> the caller registers.
    /// </summary>
    public static IServiceCollection AddComposition(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new CompositionOptions();
        configuration.GetSection(CompositionOptions.Section).Bind(options);
        services.AddSingleton(options);
        // Registered on their own so the container disposes the gRPC channels.
        services.AddSingleton(sp => new GrpcSpecProvider(options,
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<GrpcSpecProvider>>()));
        services.AddSingleton(sp => new FixedSpecProvider(options.FixedSpecFile ?? "", sp.GetRequiredService<ILogger<FixedSpecProvider>>()));
        services.AddSingleton(sp => new SpecProviderRouter(
            options.SpecProviders.Count == 0 ? null : sp.GetRequiredService<GrpcSpecProvider>(),
            string.IsNullOrEmpty(options.FixedSpecFile) ? null : sp.GetRequiredService<FixedSpecProvider>()));
        // Needs the HTTP core's IImageSource; resolved only when first asked for.
        services.AddSingleton(sp => new SpecImageComposer(sp.GetRequiredService<IImageSource>(), options.StaticLayers));
        return services;
    }
}
