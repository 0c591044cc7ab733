using Facade.Storage;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Facade.Tests.Mirror;

/// <summary>
/// Read-along and the fill outliving its clients, proved with the upstream held back mid-blob
/// by a relay in front of a real registry: while it holds, the fill cannot have ended.
/// </summary>
public sealed class ReadAlongTests
{
    private const int BlobSize = 8 * 1024 * 1024;
    private const int HoldAfter = 4 * 1024 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Followers_receive_bytes_while_the_fill_is_held_mid_blob()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 71, LayerSizes = [BlobSize], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/along", "v1");
        await using var relay = await FaultRelay.HoldingAsync(registry.BaseUri, HoldAfter);
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", relay.BaseUri));
        try
        {
            var layer = image.Layers[0];
            var path = $"/v2/team/along/blobs/{layer.Digest}";
            using var leader = await facade.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            await relay.Holding.WaitAsync(Patience);
            using var follower = await facade.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            await using var leaderBody = await leader.Content.ReadAsStreamAsync();
            await using var followerBody = await follower.Content.ReadAsStreamAsync();

            var early = new byte[HoldAfter / 2];
            foreach (var body in new[] { leaderBody, followerBody })
            {
                await body.ReadExactlyAsync(early).AsTask().WaitAsync(Patience);
                Assert.Equal(layer.Bytes.AsSpan(0, early.Length).ToArray(), early);
            }
            // Both read while the upstream still held the rest: the fill had not ended.
            Assert.Null(facade.Services.GetRequiredService<ContentStore>().BlobLength(layer.Digest));

            relay.Release();
            foreach (var body in new[] { leaderBody, followerBody })
            {
                var rest = new MemoryStream();
                await body.CopyToAsync(rest);
                Assert.Equal(layer.Bytes.AsSpan(early.Length).ToArray(), rest.ToArray());
            }
            Assert.Single(relay.BlobRanges);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task A_client_leaving_mid_blob_does_not_cancel_the_fill()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 72, LayerSizes = [BlobSize], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/left", "v1");
        await using var relay = await FaultRelay.HoldingAsync(registry.BaseUri, HoldAfter);
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", relay.BaseUri));
        try
        {
            var layer = image.Layers[0];
            var path = $"/v2/team/left/blobs/{layer.Digest}";
            var store = facade.Services.GetRequiredService<ContentStore>();
            using (var leaving = await facade.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
            {
                await relay.Holding.WaitAsync(Patience);
                await using var body = await leaving.Content.ReadAsStreamAsync();
                var early = new byte[64 * 1024];
                await body.ReadExactlyAsync(early).AsTask().WaitAsync(Patience);
                Assert.Equal(layer.Bytes.AsSpan(0, early.Length).ToArray(), early);
            }
            // The only client is gone while the upstream still holds half the blob: the fill cannot
            // have ended, and no request is left that could keep it alive.
            Assert.Null(store.BlobLength(layer.Digest));

            relay.Release();
            var deadline = DateTime.UtcNow + Patience;
            while (store.BlobLength(layer.Digest) is null && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.Equal(layer.Bytes.Length, store.BlobLength(layer.Digest));

            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync(path));
            // One fetch upstream in all: the fill ran to the end for nobody, then served the next pull.
            Assert.Single(relay.BlobRanges);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
