using System.Net;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Mirror;

/// <summary>Single flight, upstream outages and restarts, each against its own real registry.</summary>
public sealed class MirrorResilienceTests
{
    [Fact]
    public async Task Sixteen_concurrent_cold_pulls_cause_one_upstream_get_and_all_get_correct_bytes()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 21, LayerSizes = [8 * 1024 * 1024], Gzip = false });
        await image.PushAsync(client, "team/big", "v1");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri));
        try
        {
            var layer = image.Layers[0];
            var pulls = Enumerable.Range(0, 16).Select(_ => facade.Client.GetByteArrayAsync($"/v2/team/big/blobs/{layer.Digest}"));
            var results = await Task.WhenAll(pulls);
            Assert.All(results, bytes => Assert.Equal(layer.Bytes, bytes));
            Assert.Equal(1, registry.Counter!.BlobGets("team/big", layer.Digest.Value));
            var metrics = await PrometheusText.ScrapeAsync(facade.Client);
            Assert.True(metrics.Sum("facade_singleflight_joins_total", ("kind", "blob")) >= 1);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task One_client_leaving_does_not_cancel_the_fill_for_others()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 22, LayerSizes = [6 * 1024 * 1024], Gzip = false });
        await image.PushAsync(client, "team/leave", "v1");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri));
        try
        {
            var path = $"/v2/team/leave/blobs/{image.Layers[0].Digest}";
            using (var leaving = await facade.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
            {
                await using var stream = await leaving.Content.ReadAsStreamAsync();
                var first = new byte[1024];
                await stream.ReadExactlyAsync(first);
            }
            var stayed = await facade.Client.GetByteArrayAsync(path);
            Assert.Equal(image.Layers[0].Bytes, stayed);
            Assert.Equal(1, registry.Counter!.BlobGets("team/leave", image.Layers[0].Digest.Value));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Upstream_down_serves_cached_tags_and_fails_uncached_names_with_a_gateway_error()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 23 });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/app", "v1");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Cache:TagTtl", "00:00:00"), ("Facade:Timeouts:Attempts", "1"), ("Facade:Timeouts:Connect", "00:00:02")));
        try
        {
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/app/manifests/v1"));
            await registry.DisposeAsync();

            using var stale = await facade.Client.GetAsync("/v2/team/app/manifests/v1");
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Equal(image.ManifestBytes, await stale.Content.ReadAsByteArrayAsync());
            Assert.Equal(1, (await PrometheusText.ScrapeAsync(facade.Client)).Sum("facade_stale_tag_served_total"));

            using var unknown = await facade.Client.GetAsync("/v2/team/other/manifests/v1");
            Assert.InRange((int)unknown.StatusCode, 502, 504);
            var body = await unknown.Content.ReadAsStringAsync();
            Assert.Contains("\"errors\"", body);
            Assert.Contains("local", body);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Cache_is_reused_after_a_restart_without_the_upstream()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 24, LayerSizes = [100_000] });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/app", "v1");
        var settings = FacadeHost.MirrorOf("local", registry.BaseUri, ("Facade:Timeouts:Attempts", "1"));
        var first = await FacadeHost.StartAsync(settings);
        var cache = first.CacheDirectory;
        await first.Client.GetByteArrayAsync($"/v2/team/app/manifests/{image.Digest}");
        await first.Client.GetByteArrayAsync($"/v2/team/app/blobs/{image.Layers[0].Digest}");
        await first.DisposeAsync();
        await registry.DisposeAsync();

        var second = await FacadeHost.StartAsync(settings, cache);
        try
        {
            Assert.Equal(image.ManifestBytes, await second.Client.GetByteArrayAsync($"/v2/team/app/manifests/{image.Digest}"));
            Assert.Equal(image.Layers[0].Bytes, await second.Client.GetByteArrayAsync($"/v2/team/app/blobs/{image.Layers[0].Digest}"));
        }
        finally
        {
            await second.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Least_recently_used_blobs_are_evicted_beyond_the_bound()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 25, LayerSizes = [400_000, 400_000, 400_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/lru", "v1");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri, ("Facade:Cache:MaxBytes", "1000000")));
        try
        {
            foreach (var layer in image.Layers)
            {
                Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/lru/blobs/{layer.Digest}"));
                await Task.Delay(20);
            }
            var kept = Directory.GetFiles(Path.Combine(facade.CacheDirectory, "blobs"), "*", SearchOption.AllDirectories)
                .Select(f => Path.GetFileName(f).Split('.')[0]).ToHashSet(); // entries are named <hex>.<size>
            Assert.DoesNotContain(image.Layers[0].Digest.Encoded, kept);
            Assert.Contains(image.Layers[2].Digest.Encoded, kept);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
