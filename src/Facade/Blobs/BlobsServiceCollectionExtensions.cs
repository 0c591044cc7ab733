using Facade.Hosting;
using Facade.Ipfs;
using Facade.Metrics;
using Facade.Storage;
using Facade.Upstreams;
using Microsoft.Extensions.Options;

namespace Facade.Blobs;

/// <summary>Registers the fill origins, the shared fills and the mirror's chain of blob sources.</summary>
internal static class BlobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the mirror's <see cref="BlobChain"/>, built from configuration: the repository
    /// scope (is the blob held by the repository asked?), the disk cache,
    /// then (with <c>Facade:Ipfs:Serve</c>) partial ranges from IPFS, then the shared fill whose
    /// origins are IPFS (with <c>Serve</c>) and the upstream.
    /// </summary>
    public static IServiceCollection AddBlobs(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamOrigin>();
        services.AddSingleton<FailingCids>();
        services.AddSingleton<IpfsOrigin>();
        services.AddSingleton(sp =>
        {
            var serveIpfs = sp.GetRequiredService<IOptions<IpfsOptions>>().Value.Serve;
            IReadOnlyList<IFillOrigin> origins = serveIpfs
                ? [sp.GetRequiredService<IpfsOrigin>(), sp.GetRequiredService<UpstreamOrigin>()]
                : [sp.GetRequiredService<UpstreamOrigin>()];
            return new BlobFills(sp.GetRequiredService<ContentStore>(), origins, sp.GetRequiredService<UpstreamSender>().Idle, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<FacadeMetrics>(), sp.GetRequiredService<ILogger<BlobFills>>(),
                sp.GetRequiredService<ShutdownDrain>());
        });
        services.AddSingleton<RepositoryHoldings>();
        services.AddSingleton<RepositoryScopeBlobSource>();
        services.AddSingleton<CacheBlobSource>();
        services.AddSingleton<FillBlobSource>();
        services.AddSingleton<IpfsRangeBlobSource>();
        services.AddSingleton(sp =>
        {
            var serveIpfs = sp.GetRequiredService<IOptions<IpfsOptions>>().Value.Serve;
            IReadOnlyList<IBlobSource> links = serveIpfs
                ? [sp.GetRequiredService<RepositoryScopeBlobSource>(), sp.GetRequiredService<CacheBlobSource>(),
                    sp.GetRequiredService<IpfsRangeBlobSource>(), sp.GetRequiredService<FillBlobSource>()]
                : [sp.GetRequiredService<RepositoryScopeBlobSource>(), sp.GetRequiredService<CacheBlobSource>(), sp.GetRequiredService<FillBlobSource>()];
            return new BlobChain(links);
        });
        return services;
    }
}
