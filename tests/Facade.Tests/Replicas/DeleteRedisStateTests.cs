using System.Net;
using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.Replicas;

/// <summary>
/// What deletions leave in a real Redis, read key by key: nothing that names the deleted content
/// in its repository, and a blob's CID only while another repository still holds the blob.
/// </summary>
public sealed class DeleteRedisStateTests : IAsyncLifetime
{
    private const ulong RawCodec = 0x55;
    private readonly RedisServer _redis = new();
    private DistributionRegistry _registry = null!;
    private FacadeHost _facade = null!;
    private ConnectionMultiplexer _direct = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        _facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", _registry.BaseUri,
            ("Facade:Upstreams:local:Writable", "true"), ("Facade:Push:Enabled", "true"), ("Facade:Auth:AllowAnonymousPush", "true"),
            ("Facade:Redis:Configuration", _redis.Configuration), ("Facade:Redis:OperationTimeout", "00:00:05"),
            ("Facade:Cache:TagTtl", "00:01:00")));
        _direct = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
    }

    [Fact]
    public async Task Deleting_everything_of_two_repositories_leaves_no_key_that_names_it()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 711, LayerSizes = [6_000] });
        var layer = image.Layers[0].Digest;
        string[] repositories = ["team/first", "team/second"];
        foreach (var repository in repositories)
        {
            await image.PushAsync(_registry.CreateClient(), repository, "v1");
            Assert.Equal(image.ManifestBytes, await _facade.Client.GetByteArrayAsync($"/v2/{repository}/manifests/v1"));
            Assert.Equal(image.Layers[0].Bytes, await _facade.Client.GetByteArrayAsync($"/v2/{repository}/blobs/{layer}"));
        }
        // The layer as an IPFS publisher leaves it: CID, media type, and a verified whole read.
        var cids = _facade.Services.GetRequiredService<ICidCache>();
        var cid = Cid.FromSha256(RawCodec, Convert.FromHexString(layer.Encoded));
        await cids.SetAsync(layer, new CidCacheEntry(cid, image.Layers[0].MediaType), CancellationToken.None);
        await cids.SetVerifiedAsync(layer, cid, CancellationToken.None);

        var db = _direct.GetDatabase();
        foreach (var repository in repositories)
            Assert.True(await db.SetContainsAsync($"holds:local/{repository}", layer.Value), $"{repository} holds the layer in Redis");
        Assert.Equal(["local/team/first", "local/team/second"], (await db.SetMembersAsync($"holders:{layer}")).Select(v => (string)v!).Order());
        Assert.True(await db.KeyExistsAsync($"resolve:{_registry.Authority}/team/first:v1"), "the tag resolution is shared");

        await DeleteAsync($"/v2/team/first/blobs/{layer}");
        Assert.False(await db.SetContainsAsync("holds:local/team/first", layer.Value));
        Assert.True(await db.SetContainsAsync("holds:local/team/second", layer.Value));
        Assert.Equal(["local/team/second"], (await db.SetMembersAsync($"holders:{layer}")).Select(v => (string)v!));
        // Another repository still holds these bytes: their CID keeps serving there.
        Assert.Equal(cid.ToString(), (string?)await db.StringGetAsync(layer.Value));
        Assert.Equal(cid.ToString(), (string?)await db.StringGetAsync($"verified:{layer}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/v2/team/first/blobs/{layer}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync($"/v2/team/second/blobs/{layer}"));

        await DeleteAsync($"/v2/team/second/blobs/{layer}");
        foreach (var key in new[] { layer.Value, $"mtype:{layer}", $"verified:{layer}", $"holders:{layer}" })
            Assert.False(await db.KeyExistsAsync(key), $"{key} outlives the last repository holding the blob");

        foreach (var repository in repositories)
        {
            await DeleteAsync($"/v2/{repository}/manifests/{image.Digest}");
            await DeleteAsync($"/v2/{repository}/blobs/{image.Config.Digest}");
        }
        var left = new List<string>();
        foreach (var endpoint in _direct.GetEndPoints())
            await foreach (var key in _direct.GetServer(endpoint).KeysAsync(pattern: "*")) left.Add(key!);
        string[] names = [.. repositories, layer.Encoded, image.Config.Digest.Encoded, image.Digest.Encoded];
        Assert.DoesNotContain(left, key => names.Any(name => key.Contains(name, StringComparison.Ordinal)));
    }

    private async Task DeleteAsync(string path)
    {
        using var response = await _facade.Client.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await _facade.Client.GetAsync(path);
        return response.StatusCode;
    }

    public async Task DisposeAsync()
    {
        await _direct.DisposeAsync();
        await _facade.DisposeAndDeleteCacheAsync();
        await _registry.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
