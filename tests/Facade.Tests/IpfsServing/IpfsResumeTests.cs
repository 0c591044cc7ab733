using System.Net;
using Facade.Ipfs;
using Facade.Redis;
using Facade.Storage;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Facade.Tests.Ipfs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RedisServer = Facade.Tests.Redis.RedisServer;

namespace Facade.Tests.IpfsServing;

/// <summary>
/// The IPFS node dying mid-blob: a relay in front of the real node's RPC API cuts the first
/// <c>cat</c> after a known number of bytes; the fill goes on from the real registry with a
/// <c>Range</c> from the byte it received, hashed as one stream, and readers never see the cut.
/// </summary>
[Collection(IpfsNodeCollection.Name)]
public sealed class IpfsResumeTests(IpfsNodeFixture ipfs) : IAsyncLifetime
{
    private const long CutAfter = 1024 * 1024;
    private readonly RedisServer _redis = new();
    private readonly GeneratedImage _image = ImageGenerator.Image(new ImageSpec { Seed = 7901, LayerSizes = [4 * 1024 * 1024], Gzip = false });
    private DistributionRegistry _registry = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = _registry.CreateClient();
        await _image.PushAsync(client, "team/ipfscut", "v1");
    }

    [Fact]
    public async Task A_node_dying_mid_blob_is_continued_from_the_upstream_at_the_byte_reached()
    {
        var layer = _image.Layers[0];
        var added = await ipfs.CreateClient().AddAsync(new MemoryStream(layer.Bytes), CancellationToken.None);
        await using var node = await FaultRelay.CuttingAsync(new Uri(ipfs.ApiUrl), CutAfter,
            r => r.Path.StartsWithSegments("/api/v0/cat", StringComparison.Ordinal));
        await using var upstream = await FaultRelay.RecordingAsync(_registry.BaseUri);
        var settings = IpfsServingSettings.For(_redis, ipfs);
        settings.RemoveAll(s => s.Key == "Facade:Ipfs:Api");
        settings.AddRange([("Facade:Ipfs:Api", node.BaseUri.GetLeftPart(UriPartial.Authority)), ("Facade:Ipfs:Serve", "true")]);
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", upstream.BaseUri, [.. settings]));
        try
        {
            await facade.Services.GetRequiredService<ICidCache>().SetAsync(layer.Digest, new CidCacheEntry(added.Cid, layer.MediaType), CancellationToken.None);

            // Two clients read along the one fill; neither sees the node's cut.
            var path = $"/v2/team/ipfscut/blobs/{layer.Digest}";
            var responses = await Task.WhenAll(facade.Client.GetAsync(path), facade.Client.GetAsync(path));
            foreach (var response in responses)
            {
                using (response)
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(layer.Bytes, await response.Content.ReadAsByteArrayAsync());
                }
            }

            // The upstream was asked once, for the rest: from a byte the node had sent (the cut
            // may lose what was in flight, so at most CutAfter). The bytes above being exactly the
            // blob's shows the rest joined the node's part at the byte it reached.
            var range = Assert.Single(upstream.BlobRanges);
            Assert.StartsWith("bytes=", range, StringComparison.Ordinal);
            Assert.EndsWith("-", range, StringComparison.Ordinal);
            var from = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(from, 1, CutAfter);
            Assert.Equal(layer.Bytes.Length, facade.Services.GetRequiredService<ContentStore>().BlobLength(layer.Digest));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
