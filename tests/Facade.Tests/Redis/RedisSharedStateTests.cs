using System.Text;
using Facade.Redis;
using Facade.Shared.Oci;
using StackExchange.Redis;

namespace Facade.Tests.Redis;

public sealed class RedisSharedStateTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Resolutions_are_shared_and_expire()
    {
        await using var writer = new RedisTestContext(server.Configuration);
        await using var reader = new RedisTestContext(server.Configuration);
        var reference = "mirror.internal/library/app:" + Guid.NewGuid().ToString("N");
        var digest = RedisCidCacheTests.NewDigest();

        await writer.State.SetResolvedAsync(reference, digest, TimeSpan.FromMinutes(5), None);

        Assert.Equal(digest, await reader.State.GetResolvedAsync(reference, None));
        // Expiry is redis-server's: what the facade owes is the TTL on every key it wrote.
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var keys = direct.GetServers()[0].Keys(pattern: "*" + reference + "*").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var ttl = await direct.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.True(ttl is { } t && t > TimeSpan.FromMinutes(4) && t <= TimeSpan.FromMinutes(5), $"{key}: {ttl}");
        }
    }

    [Fact]
    public async Task Documents_round_trip_with_their_media_type()
    {
        await using var context = new RedisTestContext(server.Configuration, "docs:");
        var bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"n\":\"" + Guid.NewGuid() + "\"}");
        var digest = Digest.Sha256Of(bytes);

        await context.State.SetDocumentAsync(digest, new StoredDocument(MediaTypes.OciManifest, bytes), TimeSpan.FromMinutes(5), None);
        var stored = await context.State.GetDocumentAsync(digest, None);

        Assert.NotNull(stored);
        Assert.Equal(MediaTypes.OciManifest, stored.MediaType);
        Assert.Equal(bytes, stored.Content.ToArray());
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var ttl = await direct.GetDatabase().KeyTimeToLiveAsync("docs:doc:" + digest.Value);
        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_tampered_document_is_a_miss()
    {
        await using var context = new RedisTestContext(server.Configuration);
        var bytes = Encoding.UTF8.GetBytes("{\"config\":\"" + Guid.NewGuid() + "\"}");
        var digest = Digest.Sha256Of(bytes);
        await context.State.SetDocumentAsync(digest, new StoredDocument(MediaTypes.OciConfig, bytes), null, None);

        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        await direct.GetDatabase().HashSetAsync("doc:" + digest.Value, "b", Encoding.UTF8.GetBytes("{\"config\":\"other\"}"));

        Assert.Null(await context.State.GetDocumentAsync(digest, None));
    }

    [Fact]
    public async Task A_document_that_does_not_match_its_digest_is_refused()
    {
        await using var context = new RedisTestContext(server.Configuration);
        var digest = Digest.Sha256Of("one"u8);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            context.State.SetDocumentAsync(digest, new StoredDocument(MediaTypes.OciConfig, "two"u8.ToArray()), null, None));
    }

    [Fact]
    public async Task Garbage_resolutions_are_misses()
    {
        await using var context = new RedisTestContext(server.Configuration);
        await using var direct = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var reference = "mirror.internal/app:" + Guid.NewGuid().ToString("N");
        await direct.GetDatabase().StringSetAsync("resolve:" + reference, "sha256:not-hex");

        Assert.Null(await context.State.GetResolvedAsync(reference, None));
    }
}
