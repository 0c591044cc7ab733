using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Facade.Blobs;
using Facade.Ipfs;
using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Storage;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Facade.Tests.Ipfs;
using Microsoft.Extensions.DependencyInjection;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.IpfsServing;

/// <summary>
/// What a CID recorded in Redis may be trusted for, on a real IPFS node, a real Redis and a real
/// registry: a partial range only after a whole read verified the pair, a wrong CID never ends a
/// response cleanly, an absent CID costs the first-byte timeout, not the node's search timeout.
/// </summary>
[Collection(IpfsNodeCollection.Name)]
public sealed class IpfsTrustTests(IpfsNodeFixture ipfs) : IAsyncLifetime
{
    private const string Repository = "team/trust";
    private readonly RedisServer _redis = new();
    private readonly GeneratedImage _image = ImageGenerator.Image(new ImageSpec { Seed = 41, LayerSizes = [600_000], Gzip = false });
    private readonly List<FacadeHost> _facades = [];
    private DistributionRegistry _registry = null!;

    private GeneratedBlob Layer => _image.Layers[0];
    private string BlobPath => $"/v2/{Repository}/blobs/{Layer.Digest}";

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = _registry.CreateClient();
        await _image.PushAsync(client, Repository, "v1");
    }

    private async Task<FacadeHost> StartAsync(Uri upstream, params (string Key, string Value)[] extra)
    {
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", upstream,
            [.. IpfsServingSettings.For(_redis, ipfs), ("Facade:Ipfs:Serve", "true"), .. extra]));
        _facades.Add(facade);
        return facade;
    }

    private static HttpRequestMessage RangeGet(string path, long from, long? to) =>
        new(HttpMethod.Get, path) { Headers = { Range = new RangeHeaderValue(from, to) } };

    /// <summary>The body, or null when the response was cut (the facade aborts rather than end wrong bytes cleanly).</summary>
    private static async Task<byte[]?> ReadOrCutAsync(FacadeHost facade, HttpRequestMessage request)
    {
        try
        {
            using var response = await facade.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
            return await response.Content.ReadAsByteArrayAsync();
        }
        catch (HttpRequestException) { return null; }
        catch (IOException) { return null; }
    }

    [Fact]
    public async Task A_redis_entry_naming_other_content_never_serves_it_for_a_range_or_a_whole_range()
    {
        var facade = await StartAsync(_registry.BaseUri);
        var kubo = facade.Services.GetRequiredService<IKuboClient>();
        var other = new byte[Layer.Bytes.Length];
        new Random(42).NextBytes(other);
        var otherCid = (await kubo.AddAsync(new MemoryStream(other), CancellationToken.None)).Cid;
        var cids = facade.Services.GetRequiredService<ICidCache>();
        await cids.SetAsync(Layer.Digest, new CidCacheEntry(otherCid, Layer.MediaType), CancellationToken.None);

        var part = await ReadOrCutAsync(facade, RangeGet(BlobPath, 100_000, 100_999));
        if (part is not null) Assert.Equal(Layer.Bytes.AsSpan(100_000, 1000).ToArray(), part);
        Assert.Null(await cids.GetAsync(Layer.Digest, CancellationToken.None));

        using var after = await facade.Client.SendAsync(RangeGet(BlobPath, 100_000, 100_999));
        Assert.Equal(HttpStatusCode.PartialContent, after.StatusCode);
        Assert.Equal(Layer.Bytes.AsSpan(100_000, 1000).ToArray(), await after.Content.ReadAsByteArrayAsync());

        // bytes=0- is a whole read: on a fresh replica it takes the verified path too.
        await cids.SetAsync(Layer.Digest, new CidCacheEntry(otherCid, Layer.MediaType), CancellationToken.None);
        var replica = await StartAsync(_registry.BaseUri);
        var whole = await ReadOrCutAsync(replica, RangeGet(BlobPath, 0, null));
        if (whole is not null) Assert.Equal(Layer.Bytes, whole);
        Assert.Null(await cids.GetAsync(Layer.Digest, CancellationToken.None));
    }

    [Fact]
    public async Task A_partial_range_comes_straight_from_ipfs_only_after_a_whole_read_verified_the_cid()
    {
        var reader = await StartAsync(_registry.BaseUri);
        var kubo = reader.Services.GetRequiredService<IKuboClient>();
        var cid = (await kubo.AddAsync(new MemoryStream(Layer.Bytes), CancellationToken.None)).Cid;
        var cids = reader.Services.GetRequiredService<ICidCache>();
        await cids.SetAsync(Layer.Digest, new CidCacheEntry(cid, Layer.MediaType), CancellationToken.None);
        Assert.False(await cids.IsVerifiedAsync(Layer.Digest, cid, CancellationToken.None));

        // Unverified: the range is answered through the verified fill, which reads the whole blob
        // from the node, caches it and records the pair as verified.
        using (var first = await reader.Client.SendAsync(RangeGet(BlobPath, 200_000, 200_999)))
            Assert.Equal(Layer.Bytes.AsSpan(200_000, 1000).ToArray(), await first.Content.ReadAsByteArrayAsync());
        var store = reader.Services.GetRequiredService<ContentStore>();
        await WaitUntilAsync(async () => store.BlobLength(Layer.Digest) is not null && await cids.IsVerifiedAsync(Layer.Digest, cid, CancellationToken.None));
        Assert.Contains("facade_bytes_served_total{source=\"ipfs\"}", await reader.Client.GetStringAsync("/metrics"));

        // Verified, shared through Redis: another replica, its upstream unreachable, reads only the range.
        var replica = await StartAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        using var partial = await replica.Client.SendAsync(RangeGet(BlobPath, 300_000, 300_999));
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Layer.Bytes.AsSpan(300_000, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Null(replica.Services.GetRequiredService<ContentStore>().BlobLength(Layer.Digest));
    }

    [Fact]
    public async Task A_cid_no_node_has_costs_the_first_byte_timeout_then_the_upstream_serves_and_the_cid_is_remembered()
    {
        var facade = await StartAsync(_registry.BaseUri, ("Facade:Ipfs:FirstByteTimeout", "00:00:02"));
        var absent = new byte[4096];
        new Random(43).NextBytes(absent);
        var cid = UnixFsCidCalculator.Compute(absent);
        await facade.Services.GetRequiredService<ICidCache>().SetAsync(Layer.Digest, new CidCacheEntry(cid, Layer.MediaType), CancellationToken.None);

        var watch = Stopwatch.StartNew();
        Assert.Equal(Layer.Bytes, await facade.Client.GetByteArrayAsync(BlobPath));
        // The node would search for 30 s (Facade:Ipfs:Timeout); the first-byte timeout is 2 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.Contains("facade_ipfs_fallbacks_total 1", await facade.Client.GetStringAsync("/metrics"));
        Assert.True(facade.Services.GetRequiredService<FailingCids>().IsFailing(Layer.Digest, cid));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("condition not met within 30 s");
    }

    public async Task DisposeAsync()
    {
        foreach (var facade in _facades) await facade.DisposeAndDeleteCacheAsync();
        await _registry.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
