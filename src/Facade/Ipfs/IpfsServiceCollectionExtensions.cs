using Microsoft.Extensions.Options;

namespace Facade.Ipfs;

/// <summary>Registers the IPFS options (validated at start), the node client, the publisher and its queue, and the manifest rewriter.</summary>
internal static class IpfsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IpfsOptions"/> from <c>Facade:Ipfs</c>, <see cref="IKuboClient"/> and
    /// <see cref="IpfsPublisher"/> (which needs the Redis registrations too).
    /// </summary>
    public static IServiceCollection AddIpfs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IpfsOptions>().Bind(configuration.GetSection(IpfsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IpfsOptions>, IpfsOptionsValidator>();
        services.AddHttpClient<IKuboClient, KuboClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The node is a local service: no proxy, no redirects, bytes as they are.
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
        services.AddTransient<IpfsPublisher>();
        services.AddSingleton<IValidateOptions<IpfsOptions>, IpfsNeedsRedisValidator>();
        services.AddSingleton<LayerMediaTypes>();
        services.AddSingleton<IpfsManifestRewriter>();
        services.AddSingleton<PublishQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<PublishQueue>());
        return services;
    }
}
