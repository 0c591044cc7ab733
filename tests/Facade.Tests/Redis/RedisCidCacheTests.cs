using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using StackExchange.Redis;

namespace Facade.Tests.Redis;

public sealed class RedisCidCacheTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Cid SomeCid = UnixFsCidCalculator.Compute("layer bytes"u8);

    [Fact]
    public async Task Stores_under_gitpods_keys()
    {
        await using var context = new RedisTestContext(server.Configuration);
        var digest = NewDigest();

        await context.Cids.SetAsync(digest, new CidCacheEntry(SomeCid, MediaTypes.OciLayerGzip), None);

        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var db = direct.GetDatabase();
        Assert.Equal(SomeCid.ToString(), (string?)await db.StringGetAsync(digest.Value));
        Assert.Equal(MediaTypes.OciLayerGzip, (string?)await db.StringGetAsync("mtype:" + digest.Value));
        Assert.Equal(new CidCacheEntry(SomeCid, MediaTypes.OciLayerGzip), await context.Cids.GetAsync(digest, None));
    }

    [Fact]
    public async Task Reads_entries_written_by_others_in_any_cid_form()
    {
        await using var context = new RedisTestContext(server.Configuration);
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var digest = NewDigest();
        // base58btc form of a CID, as other writers may store it.
        await direct.GetDatabase().StringSetAsync(digest.Value, "zdj7WZF9iHUxmm3izVVD8eSmv15RmuztVtG1qTBosPLVFANbj");

        var entry = await context.Cids.GetAsync(digest, None);

        Assert.Equal("bafybeibyvxt26tc24iusjf4xzatfbwo46pbin5w33bkprdcvvw73hpgpli", entry?.Cid.ToString());
        Assert.Null(entry?.MediaType);
    }

    [Fact]
    public async Task Unknown_or_garbage_entries_are_misses()
    {
        await using var context = new RedisTestContext(server.Configuration);
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var garbage = NewDigest();
        await direct.GetDatabase().StringSetAsync(garbage.Value, "not a cid");

        Assert.Null(await context.Cids.GetAsync(NewDigest(), None));
        Assert.Null(await context.Cids.GetAsync(garbage, None));
        Assert.Equal(0, context.Failures);
    }

    [Fact]
    public async Task The_key_prefix_separates_tenants()
    {
        await using var prefixed = new RedisTestContext(server.Configuration, "tenant-a:");
        await using var bare = new RedisTestContext(server.Configuration);
        var digest = NewDigest();

        await prefixed.Cids.SetAsync(digest, new CidCacheEntry(SomeCid, null), None);

        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        Assert.Equal(SomeCid.ToString(), (string?)await direct.GetDatabase().StringGetAsync("tenant-a:" + digest.Value));
        Assert.Equal(SomeCid, (await prefixed.Cids.GetAsync(digest, None))?.Cid);
        Assert.Null(await bare.Cids.GetAsync(digest, None));
    }

    [Fact]
    public async Task Without_configuration_everything_is_a_quiet_miss()
    {
        await using var context = new RedisTestContext(configuration: null);
        var digest = NewDigest();

        await context.Cids.SetAsync(digest, new CidCacheEntry(SomeCid, null), None);

        Assert.Null(await context.Cids.GetAsync(digest, None));
        Assert.Equal(0, context.Failures);
        Assert.Empty(context.Log.Lines);
    }

    internal static Digest NewDigest() => Digest.Sha256Of(Guid.NewGuid().ToByteArray());
}
