
namespace Facade.Http;

/// <summary>Registers the response writers shared by every endpoint.</summary>
internal static class HttpServiceCollectionExtensions
{
    /// <summary>Registers the response writers shared by every endpoint.</summary>
    public static IServiceCollection AddResponders(this IServiceCollection services)
    {
        services.AddSingleton<BlobResponder>();
        return services;
    }
}
