using System.Net;
using Facade.Ipfs;
using Facade.Redis;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Facade.Tests.Ipfs;
using Microsoft.Extensions.DependencyInjection;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.IpfsServing;

/// <summary>
/// The facade with a real IPFS node and a real Redis: publishing, serving from IPFS across
/// replicas, fallbacks when Redis or IPFS fail, wrong CIDs, and rewritten manifests.
/// </summary>
[Collection(IpfsNodeCollection.Name)]
public sealed class IpfsServingTests(IpfsNodeFixture ipfs) : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private DistributionRegistry _registry = null!;
    // A fixed seed per test instance, distinct across the class: the node is shared by the
    // collection, so one test's content must not already be there for the next.
    private static int s_seed = 7000;
    private readonly GeneratedImage _image = ImageGenerator.Image(new ImageSpec { Seed = Interlocked.Increment(ref s_seed), LayerSizes = [700_000, 90_000], Gzip = false });
    private readonly List<FacadeHost> _facades = [];

    private GeneratedBlob Layer => _image.Layers[0];

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        using var client = _registry.CreateClient();
        await _image.PushAsync(client, "team/ipfs", "v1");
    }

    private async Task<FacadeHost> StartFacadeAsync(Uri upstream, params (string Key, string Value)[] settings)
    {
        var all = IpfsServingSettings.For(_redis, ipfs);
        all.AddRange(settings);
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", upstream, [.. all]));
        _facades.Add(facade);
        return facade;
    }

    private static Task<CidCacheEntry> WaitForCidAsync(FacadeHost facade, Digest digest) => CidWait.ForAsync(facade, digest);

    [Fact]
    public async Task Layer_pulled_through_one_replica_is_served_by_another_from_ipfs_with_its_upstream_unreachable()
    {
        var a = await StartFacadeAsync(_registry.BaseUri, ("Facade:Ipfs:Publish", "true"));
        var manifest = await a.Client.GetByteArrayAsync("/v2/team/ipfs/manifests/v1");
        Assert.Equal(Layer.Bytes, await a.Client.GetByteArrayAsync($"/v2/team/ipfs/blobs/{Layer.Digest}"));
        var entry = await WaitForCidAsync(a, Layer.Digest);
        Assert.Equal(Layer.MediaType, entry.MediaType);

        var unreachable = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var b = await StartFacadeAsync(unreachable, ("Facade:Ipfs:Serve", "true"));
        // A range of an uncached blob comes straight from the node (cat with offset and length).
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, $"/v2/team/ipfs/blobs/{Layer.Digest}")
        {
            Headers = { Range = new System.Net.Http.Headers.RangeHeaderValue(300_000, 300_999) },
        };
        using var partial = await b.Client.SendAsync(rangeRequest);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Layer.Bytes.AsSpan(300_000, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(Layer.Bytes, await b.Client.GetByteArrayAsync($"/v2/team/ipfs/blobs/{Layer.Digest}"));
        Assert.Contains("facade_bytes_served_total{source=\"ipfs\"}", await b.Client.GetStringAsync("/metrics"));
        Assert.NotEmpty(manifest);
    }

    [Fact]
    public async Task Redis_stopped_mid_run_does_not_fail_pulls()
    {
        var facade = await StartFacadeAsync(_registry.BaseUri, ("Facade:Ipfs:Serve", "true"), ("Facade:Ipfs:Publish", "true"));
        Assert.Equal(_image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/ipfs/manifests/v1"));
        await _redis.StopAsync();
        foreach (var layer in _image.Layers)
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/ipfs/blobs/{layer.Digest}"));
    }

    [Fact]
    public async Task Unreachable_ipfs_node_falls_back_to_the_upstream()
    {
        var publisher = await StartFacadeAsync(_registry.BaseUri, ("Facade:Ipfs:Publish", "true"));
        await publisher.Client.GetByteArrayAsync($"/v2/team/ipfs/blobs/{Layer.Digest}");
        await WaitForCidAsync(publisher, Layer.Digest);

        var deadNode = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", _registry.BaseUri,
            ("Facade:Redis:Configuration", _redis.Configuration), ("Facade:Ipfs:Api", $"http://127.0.0.1:{FreePort.Next()}"),
            ("Facade:Ipfs:Serve", "true")));
        _facades.Add(deadNode);
        Assert.Equal(Layer.Bytes, await deadNode.Client.GetByteArrayAsync($"/v2/team/ipfs/blobs/{Layer.Digest}"));
        Assert.Contains("facade_ipfs_fallbacks_total 1", await deadNode.Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_wrong_cid_is_never_served_as_complete_and_is_forgotten()
    {
        var facade = await StartFacadeAsync(_registry.BaseUri, ("Facade:Ipfs:Serve", "true"));
        var kubo = facade.Services.GetRequiredService<IKuboClient>();
        var wrong = new byte[Layer.Bytes.Length];
        new Random(101).NextBytes(wrong);
        var added = await kubo.AddAsync(new MemoryStream(wrong), CancellationToken.None);
        var cids = facade.Services.GetRequiredService<ICidCache>();
        await cids.SetAsync(Layer.Digest, new CidCacheEntry(added.Cid, Layer.MediaType), CancellationToken.None);

        var path = $"/v2/team/ipfs/blobs/{Layer.Digest}";
        await CutResponse.AssertAsync(facade.Client, path);
        Assert.Null(await cids.GetAsync(Layer.Digest, CancellationToken.None));
        Assert.Equal(Layer.Bytes, await facade.Client.GetByteArrayAsync(path));
    }

    [Fact]
    public async Task Rewritten_manifests_carry_ipfs_urls_and_are_served_by_their_own_digest()
    {
        var facade = await StartRewritingAsync();
        var cid = (await WaitForCidAsync(facade, Layer.Digest)).Cid.ToString();
        using var head = await facade.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/team/ipfs/manifests/v1"));
        var digest = head.Headers.GetValues("Docker-Content-Digest").Single();
        Assert.NotEqual(_image.Digest.Value, digest);
        var rewritten = await facade.Client.GetByteArrayAsync($"/v2/team/ipfs/manifests/{digest}");
        Assert.Equal(digest, Digest.Sha256Of(rewritten).Value);
        var document = ManifestDocument.Parse(rewritten);
        Assert.Equal($"ipfs://{cid}", document.Layers![0].Urls!.Single());
        Assert.Equal(_image.ManifestBytes, await facade.Client.GetByteArrayAsync($"/v2/team/ipfs/manifests/{_image.Digest}"));
    }

    [RequiresToolFact("skopeo")]
    public async Task Skopeo_copies_an_image_whose_manifest_carries_ipfs_urls()
    {
        var facade = await StartRewritingAsync();
        using var dir = new TempDir("skopeo-ipfs");
        (await Tool.RunAsync("skopeo", ["copy", "--src-tls-verify=false", "--retry-times", "0",
            $"docker://{facade.Authority}/team/ipfs:v1", $"dir:{dir["out"]}"], TimeSpan.FromMinutes(2))).EnsureSuccess();
        Assert.Equal(Layer.Bytes, await File.ReadAllBytesAsync(Path.Combine(dir["out"], Layer.Digest.Encoded)));
    }

    [RequiresToolFact("containerd", "ctr", Root = true)]
    public async Task Containerd_pulls_and_unpacks_an_image_whose_manifest_carries_ipfs_urls()
    {
        var facade = await StartRewritingAsync();
        await using var containerd = await ContainerdHost.StartAsync();
        containerd.ConfigureHost(facade.Authority, facade.Address);
        var pull = await containerd.PullAsync($"{facade.Authority}/team/ipfs:v1");
        Assert.True(pull.Succeeded, pull.StandardError + pull.StandardOutput);
        Assert.NotEmpty(containerd.FindUnpackedFile("facade/layer-0.txt"));
    }

    /// <summary>A facade that publishes and rewrites, with every layer pulled and published.</summary>
    private async Task<FacadeHost> StartRewritingAsync()
    {
        var facade = await StartFacadeAsync(_registry.BaseUri, ("Facade:Ipfs:Publish", "true"), ("Facade:Ipfs:RewriteManifests", "IpfsUrls"));
        await facade.Client.GetByteArrayAsync("/v2/team/ipfs/manifests/v1");
        foreach (var layer in _image.Layers) await facade.Client.GetByteArrayAsync($"/v2/team/ipfs/blobs/{layer.Digest}");
        await WaitForCidAsync(facade, Layer.Digest);
        await WaitForCidAsync(facade, _image.Layers[1].Digest);
        return facade;
    }

    [Fact]
    public async Task Ipfs_publish_command_seeds_every_layer_of_an_image()
    {
        using var cache = new TempDir("publish-cache");
        var output = new StringWriter();
        var code = await Facade.Cli.IpfsPublishCommand.RunAsync(
        [
            $"{_registry.Authority}/team/ipfs:v1",
            $"--Facade:Upstreams:local:Url={_registry.BaseUri}",
            $"--Facade:Cache:Directory={cache.Path}",
            $"--Facade:Redis:Configuration={_redis.Configuration}",
            "--Facade:Redis:OperationTimeout=00:00:05",
            $"--Facade:Ipfs:Api={ipfs.ApiUrl}",
        ], output, output);
        Assert.True(code == 0, output.ToString());
        Assert.Contains($"{_image.Layers.Count} of {_image.Layers.Count} layers published", output.ToString());
        var reader = await StartFacadeAsync(_registry.BaseUri);
        var cids = reader.Services.GetRequiredService<ICidCache>();
        foreach (var layer in _image.Layers)
        {
            var entry = await cids.GetAsync(layer.Digest, CancellationToken.None);
            Assert.NotNull(entry);
            Assert.Equal(layer.MediaType, entry.MediaType);
        }
    }

    [Fact]
    public async Task Ipfs_without_redis_is_a_start_up_error()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => FacadeHost.StartAsync(FacadeHost.MirrorOf("local", _registry.BaseUri,
            ("Facade:Ipfs:Api", ipfs.ApiUrl), ("Facade:Ipfs:Serve", "true"))));
        Assert.Contains("Facade:Redis:Configuration", e.ToString());
    }

    public async Task DisposeAsync()
    {
        foreach (var facade in _facades) await facade.DisposeAndDeleteCacheAsync();
        await _registry.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
