using System.Text;
using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using StackExchange.Redis;

namespace Facade.Tests.Redis;

/// <summary>Redis grows bounded: what the facade writes carries an expiry, checked on a real redis-server with TTL.</summary>
public sealed class RedisTtlTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<TimeSpan?> TtlAsync(string key)
    {
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        return await direct.GetDatabase().KeyTimeToLiveAsync(key);
    }

    [Fact]
    public async Task Shared_documents_written_without_an_expiry_get_the_configured_one()
    {
        await using var context = new RedisTestContext(server.Configuration, "ttl:");
        context.Options.DocumentTtl = TimeSpan.FromHours(2);
        var bytes = Encoding.UTF8.GetBytes("{\"n\":\"" + Guid.NewGuid() + "\"}");
        var digest = Digest.Sha256Of(bytes);

        await context.State.SetDocumentAsync(digest, new StoredDocument(MediaTypes.OciConfig, bytes), null, None);

        var ttl = await TtlAsync("ttl:doc:" + digest.Value);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task Cid_entries_expire_unless_read_and_a_read_renews_them()
    {
        await using var context = new RedisTestContext(server.Configuration);
        context.Options.CidTtl = TimeSpan.FromHours(1);
        var digest = RedisCidCacheTests.NewDigest();
        string[] keys = [digest.Value, "mtype:" + digest.Value];
        await context.Cids.SetAsync(digest, new CidCacheEntry(Cid.Parse("bafybeibyvxt26tc24iusjf4xzatfbwo46pbin5w33bkprdcvvw73hpgpli"), MediaTypes.OciLayerGzip), None);
        foreach (var key in keys) Assert.InRange((await TtlAsync(key))!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));

        // An entry close to its end (as if unread for almost an hour) is renewed by a read; the
        // expiry itself is redis-server's, so nobody waits for it here.
        await using (var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration))
            foreach (var key in keys) await direct.GetDatabase().KeyExpireAsync(key, TimeSpan.FromSeconds(30));
        foreach (var key in keys) Assert.InRange((await TtlAsync(key))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.NotNull(await context.Cids.GetAsync(digest, None));
        foreach (var key in keys) Assert.InRange((await TtlAsync(key))!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Repository_holdings_expire_both_ways_and_a_new_record_renews_them()
    {
        await using var context = new RedisTestContext(server.Configuration, "held:");
        context.Options.HoldingsTtl = TimeSpan.FromHours(3);
        var repository = "local/team/" + Guid.NewGuid().ToString("N");
        Digest[] blobs = [RedisCidCacheTests.NewDigest(), RedisCidCacheTests.NewDigest()];
        await context.State.AddBlobsHeldAsync(repository, blobs, None);

        string[] keys = ["held:holds:" + repository, .. blobs.Select(b => "held:holders:" + b.Value)];
        foreach (var key in keys) Assert.InRange((await TtlAsync(key))!.Value, TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(3));

        await using (var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration))
            await direct.GetDatabase().KeyExpireAsync(keys[0], TimeSpan.FromSeconds(30));
        await context.State.AddBlobsHeldAsync(repository, [RedisCidCacheTests.NewDigest()], None);
        Assert.InRange((await TtlAsync(keys[0]))!.Value, TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(3));
        Assert.True(await context.State.IsBlobHeldAsync(repository, blobs[0], None));
    }

    [Fact]
    public async Task A_zero_cid_ttl_keeps_gitpods_entries_forever()
    {
        await using var context = new RedisTestContext(server.Configuration);
        context.Options.CidTtl = TimeSpan.Zero;
        var digest = RedisCidCacheTests.NewDigest();
        await context.Cids.SetAsync(digest, new CidCacheEntry(Cid.Parse("bafybeibyvxt26tc24iusjf4xzatfbwo46pbin5w33bkprdcvvw73hpgpli"), null), None);
        Assert.NotNull(await context.Cids.GetAsync(digest, None)); // the key exists...
        Assert.Null(await TtlAsync(digest.Value)); // ...and has no expiry
    }
}
