namespace Facade.Deletes;

/// <summary>Registers what makes an accepted deletion hold on every layer and replica.</summary>
internal static class DeletesServiceCollectionExtensions
{
    /// <summary>Adds <see cref="DeletePropagation"/>, its local half and the listener for other replicas' deletions.</summary>
    public static IServiceCollection AddDeletes(this IServiceCollection services)
    {
        services.AddSingleton<LocalDeletions>();
        services.AddSingleton<DeletePropagation>();
        services.AddHostedService<DeletionListener>();
        return services;
    }
}
