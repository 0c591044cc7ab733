using System.Net;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.Mirror;

/// <summary>
/// Blobs stay inside their repository: two repositories of a real registry hold different blobs,
/// and the facade serves each blob only under the repository that holds it, whatever it has cached
/// or is fetching for the other, during an outage too (what a replica learnt is shared by Redis).
/// </summary>
public sealed class RepositoryScopeTests
{
    private readonly GeneratedImage _a = ImageGenerator.Image(new ImageSpec { Seed = 51, LayerSizes = [3 * 1024 * 1024], Gzip = false });
    private readonly GeneratedImage _b = ImageGenerator.Image(new ImageSpec { Seed = 52, LayerSizes = [50_000], Gzip = false });

    [Fact]
    public async Task A_blob_is_served_only_under_the_repository_that_holds_it_even_when_cached_or_in_flight()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using (var client = registry.CreateClient())
        {
            await _a.PushAsync(client, "team/a", "v1");
            await _b.PushAsync(client, "team/b", "v1");
        }
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri));
        try
        {
            var layer = _a.Layers[0];
            // Concurrent cold requests under both names: whoever starts the fetch, a's answer is the
            // blob and b's is 404, never the other's.
            var underA = Enumerable.Range(0, 3).Select(_ => facade.Client.GetAsync($"/v2/team/a/blobs/{layer.Digest}"));
            var underB = Enumerable.Range(0, 3).Select(_ => facade.Client.GetAsync($"/v2/team/b/blobs/{layer.Digest}"));
            var answers = await Task.WhenAll(underB.Concat(underA));
            foreach (var answer in answers[..3])
            {
                Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
                Assert.Contains("BLOB_UNKNOWN", await answer.Content.ReadAsStringAsync());
            }
            foreach (var answer in answers[3..]) Assert.Equal(layer.Bytes, await answer.Content.ReadAsByteArrayAsync());

            // Cached now: still not served under b, by GET or HEAD.
            using var cachedUnderB = await facade.Client.GetAsync($"/v2/team/b/blobs/{layer.Digest}");
            Assert.Equal(HttpStatusCode.NotFound, cachedUnderB.StatusCode);
            using var headUnderB = await facade.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/b/blobs/{layer.Digest}"));
            Assert.Equal(HttpStatusCode.NotFound, headUnderB.StatusCode);
            Assert.Equal(_b.Layers[0].Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/b/blobs/{_b.Layers[0].Digest}"));
            foreach (var answer in answers) answer.Dispose();
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task During_an_outage_a_replica_serves_what_redis_says_the_repository_holds_and_nothing_else()
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try { await OutageAsync(redis); }
        finally { await redis.DisposeAsync(); }
    }

    private async Task OutageAsync(RedisServer redis)
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using (var client = registry.CreateClient())
        {
            await _a.PushAsync(client, "team/a", "v1");
            await _b.PushAsync(client, "team/b", "v1");
        }
        var settings = FacadeHost.MirrorOf("local", registry.BaseUri, ("Facade:Redis:Configuration", redis.Configuration),
            ("Facade:Redis:OperationTimeout", "00:00:05"), ("Facade:Timeouts:Attempts", "1"));
        var first = await FacadeHost.StartAsync(settings);
        var cache = first.CacheDirectory;
        var layer = _a.Layers[0];
        await first.Client.GetByteArrayAsync("/v2/team/a/manifests/v1");
        Assert.Equal(layer.Bytes, await first.Client.GetByteArrayAsync($"/v2/team/a/blobs/{layer.Digest}"));
        await first.DisposeAsync();
        await registry.DisposeAsync();

        // A new process on the same cache, the upstream gone, no manifest asked for first.
        var second = await FacadeHost.StartAsync(settings, cache);
        try
        {
            Assert.Equal(layer.Bytes, await second.Client.GetByteArrayAsync($"/v2/team/a/blobs/{layer.Digest}"));
            using var underB = await second.Client.GetAsync($"/v2/team/b/blobs/{layer.Digest}");
            Assert.NotEqual(HttpStatusCode.OK, underB.StatusCode);
            Assert.Contains("\"errors\"", await underB.Content.ReadAsStringAsync());
        }
        finally
        {
            await second.DisposeAndDeleteCacheAsync();
        }
    }
}
