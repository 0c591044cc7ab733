using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.Replicas;

/// <summary>Two facade replicas sharing a real Redis: tag resolutions and composed images.</summary>
public sealed class SharedStateTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly TempDir _dir = new("replicas");
    private DistributionRegistry _registry = null!;
    private readonly GeneratedImage _image = ImageGenerator.Image(new ImageSpec { Seed = 61, LayerSizes = [20_000] });

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        using var client = _registry.CreateClient();
        await _image.PushAsync(client, "team/shared", "v1");
    }

    private Task<FacadeHost> StartAsync(params (string Key, string Value)[] extra) =>
        FacadeHost.StartAsync(FacadeHost.MirrorOf("local", _registry.BaseUri,
            [("Facade:Redis:Configuration", _redis.Configuration), ("Facade:Redis:OperationTimeout", "00:00:05"),
             ("Facade:Cache:TagTtl", "00:01:00"), .. extra]));

    [Fact]
    public async Task A_tag_resolved_by_one_replica_is_not_resolved_upstream_again_by_another()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        try
        {
            Assert.Equal(_image.ManifestBytes, await a.Client.GetByteArrayAsync("/v2/team/shared/manifests/v1"));
            var heads = _registry.Counter!.Count("HEAD", "/v2/team/shared/manifests/v1");
            Assert.Equal(1, heads);
            Assert.Equal(_image.ManifestBytes, await b.Client.GetByteArrayAsync("/v2/team/shared/manifests/v1"));
            Assert.Equal(heads, _registry.Counter.Count("HEAD", "/v2/team/shared/manifests/v1"));
        }
        finally
        {
            await a.DisposeAndDeleteCacheAsync();
            await b.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task A_composed_image_is_served_by_digest_from_a_replica_that_cannot_compose_it()
    {
        var specs = _dir.WriteFile("specs.json", "{\"shared\": {\"baseRef\": \"" + _registry.Authority + "/team/shared:v1\"}}");
        var a = await StartAsync(("Facade:Composition:FixedSpecFile", specs));
        var b = await StartAsync();
        try
        {
            var bytes = await a.Client.GetByteArrayAsync("/v2/fixed/shared/manifests/latest");
            var digest = Digest.Sha256Of(bytes);
            Assert.Equal(bytes, await b.Client.GetByteArrayAsync($"/v2/fixed/shared/manifests/{digest}"));
            var config = ManifestDocument.Parse(bytes).Config!.Digest;
            Assert.Equal(config, Digest.Sha256Of(await b.Client.GetByteArrayAsync($"/v2/fixed/shared/blobs/{config}")).Value);
        }
        finally
        {
            await a.DisposeAndDeleteCacheAsync();
            await b.DisposeAndDeleteCacheAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _redis.DisposeAsync();
        _dir.Dispose();
    }
}
