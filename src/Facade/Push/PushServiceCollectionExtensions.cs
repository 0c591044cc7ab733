
namespace Facade.Push;

/// <summary>Registers push pass-through: uploads, manifest pushes, deletes and the referrers tag upkeep.</summary>
internal static class PushServiceCollectionExtensions
{
    /// <summary>Registers push pass-through: uploads, manifest pushes, deletes and the referrers tag upkeep.</summary>
    public static IServiceCollection AddPush(this IServiceCollection services)
    {
        services.AddSingleton<UploadOffsets>();
        services.AddSingleton<PushForwarder>();
        services.AddSingleton<BlobUploads>();
        services.AddSingleton<ReferrersTagWriter>();
        services.AddSingleton<ReferrersFromTag>();
        services.AddSingleton<ManifestPushes>();
        services.AddSingleton<PushDeletes>();
        services.AddSingleton<PushHandler>();
        services.AddHttpForwarder();
        return services;
    }
}
