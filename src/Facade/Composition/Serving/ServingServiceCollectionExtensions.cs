using Facade.Composition;

namespace Facade.Composition.Serving;

/// <summary>Registers the serving side of composed images: the cache of composed images, the mirror as image source, and the endpoints.</summary>
internal static class ServingServiceCollectionExtensions
{
    /// <summary>Adds the spec providers and the composer (<see cref="CompositionServiceCollectionExtensions.AddComposition"/>) and everything that serves their images.</summary>
    public static IServiceCollection AddComposedImages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddComposition(configuration);
        services.AddSingleton(sp => new CompositionCache(sp.GetRequiredService<CompositionOptions>().CacheEntries, sp.GetRequiredService<CompositionOptions>().CacheBytes));
        services.AddSingleton<MirrorImageSource>();
        services.AddSingleton<IImageSource>(sp => sp.GetRequiredService<MirrorImageSource>());
        services.AddSingleton<CompositionService>();
        services.AddSingleton<CompositionEndpoints>();
        return services;
    }
}
