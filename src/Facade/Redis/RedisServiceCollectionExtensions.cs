using Microsoft.Extensions.Options;

namespace Facade.Redis;

/// <summary>Registers the Redis options (validated at start), the advisory gate, the CID cache and the shared state.</summary>
internal static class RedisServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ICidCache"/> and <see cref="ISharedState"/> backed by <c>Facade:Redis</c>.</summary>
    public static IServiceCollection AddRedisState(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<AdvisoryRedis>();
        services.AddSingleton<ICidCache, RedisCidCache>();
        services.AddSingleton<ISharedState, RedisSharedState>();
        services.AddSingleton<ReplicaChannel>();
        return services;
    }
}
