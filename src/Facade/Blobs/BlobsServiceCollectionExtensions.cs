
namespace Facade.Blobs;

/// <summary>Registers the blob sources, the shared fills and the mirror's blob path.</summary>
internal static class BlobsServiceCollectionExtensions
{
    /// <summary>Registers the blob sources, the shared fills and the mirror's blob path.</summary>
    public static IServiceCollection AddBlobs(this IServiceCollection services)
    {
        services.AddSingleton<BlobSources>();
        services.AddSingleton<BlobFills>();
        services.AddSingleton<MirrorBlobs>();
        return services;
    }
}
