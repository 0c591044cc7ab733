
namespace Facade.Manifests;

/// <summary>Registers tag resolution and the manifest fetch and cache path of mirrored repositories.</summary>
internal static class ManifestsServiceCollectionExtensions
{
    /// <summary>Registers tag resolution and the manifest fetch and cache path of mirrored repositories.</summary>
    public static IServiceCollection AddManifests(this IServiceCollection services)
    {
        services.AddSingleton<TagCache>();
        services.AddSingleton<ManifestService>();
        return services;
    }
}
