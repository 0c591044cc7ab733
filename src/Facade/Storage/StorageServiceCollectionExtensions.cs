namespace Facade.Storage;

/// <summary>Registers the disk store of blobs and manifests.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the disk store of blobs and manifests and its background verification.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddSingleton<ContentStore>();
        services.AddHostedService<CacheVerifier>();
        return services;
    }
}
