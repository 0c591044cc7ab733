using Facade.Redis;
using Facade.Shared.Oci;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Facade.Tests.IpfsServing;

/// <summary>Waits for a facade's publisher to record a CID (publishing runs after the response).</summary>
internal static class CidWait
{
    public static async Task<CidCacheEntry> ForAsync(FacadeHost facade, Digest digest)
    {
        var cids = facade.Services.GetRequiredService<ICidCache>();
        for (var i = 0; i < 300; i++)
        {
            if (await cids.GetAsync(digest, CancellationToken.None) is { } entry) return entry;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no CID was recorded for {digest}");
    }
}
