using System.Text.Json.Nodes;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Facade.Tests.Ipfs;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.IpfsServing;

/// <summary>
/// A client that resolves a multi-platform image on one replica and fetches by digest from
/// another (containerd does this behind a load balancer): every manifest one replica answered
/// with, rewritten with IPFS URLs, must be found by its digest on the other. Real IPFS node,
/// real Redis, real distribution registry.
/// </summary>
[Collection(IpfsNodeCollection.Name)]
public sealed class ReplicaRewriteTests(IpfsNodeFixture ipfs) : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly GeneratedIndex _index = ImageGenerator.Index(new ImageSpec { Seed = 901, LayerSizes = [60_000], Gzip = false });
    private DistributionRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = _registry.CreateClient();
        await _index.PushAsync(client, "team/multi", "v1");
    }

    private Task<FacadeHost> StartAsync() => FacadeHost.StartAsync(FacadeHost.MirrorOf("local", _registry.BaseUri,
        ("Facade:Redis:Configuration", _redis.Configuration), ("Facade:Redis:OperationTimeout", "00:00:05"),
        ("Facade:Ipfs:Api", ipfs.ApiUrl), ("Facade:Ipfs:Timeout", "00:00:30"),
        ("Facade:Ipfs:Publish", "true"), ("Facade:Ipfs:RewriteManifests", "IpfsUrls")));

    [Fact]
    public async Task Index_children_are_rewritten_and_every_served_digest_resolves_on_both_replicas()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        try
        {
            // Replica A serves every layer once, which publishes them to IPFS and records CIDs.
            foreach (var image in _index.Images)
            foreach (var layer in image.Layers)
                Assert.Equal(layer.Bytes, await a.Client.GetByteArrayAsync($"/v2/team/multi/blobs/{layer.Digest}"));
            var cids = new List<string>();
            foreach (var image in _index.Images) cids.Add((await CidWait.ForAsync(b, image.Layers[0].Digest)).Cid.ToString());

            // The client resolves the tag on B...
            var index = await b.Client.GetByteArrayAsync("/v2/team/multi/manifests/v1");
            var indexDigest = Digest.Sha256Of(index);
            Assert.NotEqual(_index.Digest, indexDigest);
            var children = JsonNode.Parse(index)!["manifests"]!.AsArray().Select(m => Digest.Parse(m!["digest"]!.GetValue<string>())).ToList();
            Assert.Equal(_index.Images.Count, children.Count);

            // ...and fetches by digest alternately from A and B: the same bytes everywhere.
            Assert.Equal(index, await a.Client.GetByteArrayAsync($"/v2/team/multi/manifests/{indexDigest}"));
            for (var i = 0; i < children.Count; i++)
            {
                Assert.NotEqual(_index.Images[i].Digest, children[i]);
                var first = i % 2 == 0 ? a : b;
                var second = i % 2 == 0 ? b : a;
                var child = await first.Client.GetByteArrayAsync($"/v2/team/multi/manifests/{children[i]}");
                Assert.Equal(children[i], Digest.Sha256Of(child));
                Assert.Equal($"ipfs://{cids[i]}", ManifestDocument.Parse(child).Layers![0].Urls!.Single());
                Assert.Equal(child, await second.Client.GetByteArrayAsync($"/v2/team/multi/manifests/{children[i]}"));
            }
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
    }
}
