using System.Net;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Facade.Tests.Ipfs;
using StackExchange.Redis;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.Replicas;

/// <summary>
/// Two facades as separate processes (the built binary, as deployed), sharing one real Redis in
/// front of a real distribution registry and a real IPFS node, and a client that alternates
/// between them the way containerd behind a load balancer does: the tag is resolved on one
/// replica, the digest it answered fetched from the other, and a delete through one is a 404 on
/// the other at once.
/// </summary>
[Collection(IpfsNodeCollection.Name)]
public sealed class ProcessReplicaTests(IpfsNodeFixture ipfs) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly RedisServer _redis = new();
    private readonly TempDir _dir = new("process-replicas");
    private DistributionRegistry _registry = null!;
    private ConnectionMultiplexer _direct = null!;
    private FacadeProcess _a = null!;
    private FacadeProcess _b = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _direct = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var specs = _dir.WriteFile("specs.json", "{\"built\": {\"baseRef\": \"" + _registry.Authority + "/team/base:v1\"}}");
        // Only A can compose: B must find the composed image through what A shared.
        _a = await FacadeProcess.StartAsync(_registry.BaseUri, _dir.CreateDirectory("cache-a"), [.. Settings, $"--Facade:Composition:FixedSpecFile={specs}"]);
        _b = await FacadeProcess.StartAsync(_registry.BaseUri, _dir.CreateDirectory("cache-b"), Settings);
    }

    // A tag TTL of a minute: without the deletion reaching B, its cached resolution would keep answering.
    private IEnumerable<string> Settings =>
    [
        "--Facade:Upstreams:local:Writable=true", "--Facade:Push:Enabled=true", "--Facade:Auth:AllowAnonymousPush=true",
        $"--Facade:Redis:Configuration={_redis.Configuration}", "--Facade:Redis:OperationTimeout=00:00:05",
        "--Facade:Cache:TagTtl=00:01:00",
        $"--Facade:Ipfs:Api={ipfs.ApiUrl}", "--Facade:Ipfs:Timeout=00:00:30",
        "--Facade:Ipfs:Publish=true", "--Facade:Ipfs:RewriteManifests=IpfsUrls",
    ];

    [Fact]
    public async Task A_client_alternating_between_two_processes_gets_every_digest_from_both_and_a_delete_is_404_on_the_other_at_once()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 721, LayerSizes = [40_000], Gzip = false });
        var baseImage = ImageGenerator.Image(new ImageSpec { Seed = 722, LayerSizes = [7_000] });
        await image.PushAsync(_registry.CreateClient(), "team/app", "v1");
        await baseImage.PushAsync(_registry.CreateClient(), "team/base", "v1");
        var layer = image.Layers[0];

        // A serves the layer from the upstream and publishes it to IPFS; its CID lands in Redis.
        Assert.Equal(layer.Bytes, await _a.Client.GetByteArrayAsync($"/v2/team/app/blobs/{layer.Digest}"));
        var cid = await PollAsync(async () => (string?)await _direct.GetDatabase().StringGetAsync(layer.Digest.Value), "the layer's CID in Redis");

        // Mirrored and IPFS-rewritten: the tag resolved on A, the digest it answered fetched on B.
        var (rewritten, rewrittenDigest) = await GetManifestAsync(_a, "/v2/team/app/manifests/v1");
        Assert.NotEqual(image.Digest, rewrittenDigest);
        Assert.Equal($"ipfs://{cid}", ManifestDocument.Parse(rewritten).Layers![0].Urls!.Single());
        Assert.Equal(rewritten, (await GetManifestAsync(_b, $"/v2/team/app/manifests/{rewrittenDigest}")).Bytes);
        // The client pulls the layer from B, and the upstream's own manifest by its digest too.
        Assert.Equal(layer.Bytes, await _b.Client.GetByteArrayAsync($"/v2/team/app/blobs/{layer.Digest}"));
        Assert.Equal(image.ManifestBytes, (await GetManifestAsync(_b, $"/v2/team/app/manifests/{image.Digest}")).Bytes);

        // Composed on A (B has no spec file), fetched by digest on B with its config.
        var (composed, composedDigest) = await GetManifestAsync(_a, "/v2/fixed/built/manifests/latest");
        Assert.Equal(composed, (await GetManifestAsync(_b, $"/v2/fixed/built/manifests/{composedDigest}")).Bytes);
        var config = Digest.Parse(ManifestDocument.Parse(composed).Config!.Digest);
        Assert.True(config.Matches(await _b.Client.GetByteArrayAsync($"/v2/fixed/built/blobs/{config}")));

        // Both processes listen for deletions before one is made (each subscribes at start, in the background).
        await PollAsync(async () => await SubscribersAsync() >= 2 ? "" : null, "both replicas subscribed to deletions");

        await DeleteAsync(_a, $"/v2/team/app/manifests/{image.Digest}");
        foreach (var path in new[] { $"/v2/team/app/manifests/{image.Digest}", $"/v2/team/app/manifests/{rewrittenDigest}", "/v2/team/app/manifests/v1" })
        {
            Assert.True(await StatusAsync(_b, HttpMethod.Get, path) == HttpStatusCode.NotFound, $"GET {path} on the other replica");
            Assert.True(await StatusAsync(_b, HttpMethod.Head, path) == HttpStatusCode.NotFound, $"HEAD {path} on the other replica");
        }
        await DeleteAsync(_a, $"/v2/team/app/blobs/{layer.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(_b, HttpMethod.Get, $"/v2/team/app/blobs/{layer.Digest}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(_b, HttpMethod.Head, $"/v2/team/app/blobs/{layer.Digest}"));

        await DeleteAsync(_a, $"/v2/team/base/manifests/{baseImage.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(_b, HttpMethod.Get, $"/v2/fixed/built/manifests/{composedDigest}"));
    }

    private static async Task<(byte[] Bytes, Digest Digest)> GetManifestAsync(FacadeProcess facade, string path)
    {
        using var response = await facade.Client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var digest = Digest.Sha256Of(bytes);
        Assert.Equal(digest.Value, response.Headers.GetValues("Docker-Content-Digest").Single());
        return (bytes, digest);
    }

    private static async Task DeleteAsync(FacadeProcess facade, string path)
    {
        using var response = await facade.Client.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusAsync(FacadeProcess facade, HttpMethod method, string path)
    {
        using var response = await facade.Client.SendAsync(new HttpRequestMessage(method, path));
        return response.StatusCode;
    }

    private async Task<long> SubscribersAsync()
    {
        var server = _direct.GetServer(_direct.GetEndPoints()[0]);
        return await server.SubscriptionSubscriberCountAsync(RedisChannel.Literal("facade:deletions"));
    }

    private static async Task<string> PollAsync(Func<Task<string?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"waited {Patience} for {what}");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _direct.DisposeAsync();
        await _registry.DisposeAsync();
        await _redis.DisposeAsync();
        _dir.Dispose();
    }
}
