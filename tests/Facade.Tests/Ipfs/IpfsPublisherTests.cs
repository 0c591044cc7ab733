using Facade.Ipfs;
using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Ipfs;

[Collection(IpfsNodeCollection.Name)]
public sealed class IpfsPublisherTests(IpfsNodeFixture node, RedisServer redis) : IClassFixture<RedisServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Publishes_verified_content_and_records_its_cid()
    {
        var content = PseudoRandomStream.Bytes(1_000_000, 21);
        var digest = Digest.Sha256Of(content);
        await using var state = new RedisTestContext(redis.Configuration);
        var publisher = new IpfsPublisher(node.CreateClient(), state.Cids, NullLogger<IpfsPublisher>.Instance);

        var cid = await publisher.PublishAsync(digest, MediaTypes.OciLayerGzip, new MemoryStream(content), None);

        Assert.Equal(UnixFsCidCalculator.Compute(content), cid);
        Assert.Equal(new CidCacheEntry(cid!.Value, MediaTypes.OciLayerGzip), await state.Cids.GetAsync(digest, None));
        await using var back = await node.CreateClient().CatAsync(cid.Value, 0, null, None);
        var read = new MemoryStream();
        await back.CopyToAsync(read);
        Assert.Equal(content, read.ToArray());
    }

    [Fact]
    public async Task Content_that_does_not_match_its_digest_is_not_recorded()
    {
        var content = PseudoRandomStream.Bytes(300_000, 22);
        var wrong = Digest.Sha256Of("something else"u8);
        await using var state = new RedisTestContext(redis.Configuration);
        var publisher = new IpfsPublisher(node.CreateClient(), state.Cids, NullLogger<IpfsPublisher>.Instance);

        Assert.Null(await publisher.PublishAsync(wrong, null, new MemoryStream(content), None));
        Assert.Null(await state.Cids.GetAsync(wrong, None));
    }

    [Fact]
    public async Task An_unreachable_node_is_a_logged_null_not_an_exception()
    {
        var content = "small layer"u8.ToArray();
        var digest = Digest.Sha256Of(content);
        await using var state = new RedisTestContext(redis.Configuration);
        using var http = new HttpClient();
        var deadNode = new KuboClient(http, Options.Create(new IpfsOptions { Api = $"http://127.0.0.1:{FreePort.Next()}" }));
        var publisher = new IpfsPublisher(deadNode, state.Cids, NullLogger<IpfsPublisher>.Instance);

        Assert.Null(await publisher.PublishAsync(digest, null, new MemoryStream(content), None));
        Assert.Null(await state.Cids.GetAsync(digest, None));
    }
}
