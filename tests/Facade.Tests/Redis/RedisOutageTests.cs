using System.Diagnostics;
using Facade.Redis;
using Facade.Shared.Ipfs;

namespace Facade.Tests.Redis;

/// <summary>Redis going away and coming back while the facade keeps calling it.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private const int UnavailableEvent = 3001;
    private const int RecoveredEvent = 3002;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly RedisServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Calls_miss_quickly_during_an_outage_and_work_again_after_it()
    {
        await using var context = new RedisTestContext(_server.Configuration);
        var digest = RedisCidCacheTests.NewDigest();
        var cid = UnixFsCidCalculator.Compute("outage"u8);
        await context.Cids.SetAsync(digest, new CidCacheEntry(cid, null), None);
        Assert.Equal(cid, (await context.Cids.GetAsync(digest, None))?.Cid);

        await _server.StopAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await context.Cids.GetAsync(digest, None));
            await context.Cids.SetAsync(digest, new CidCacheEntry(cid, null), None);
            Assert.Null(await context.State.GetResolvedAsync("r/x:latest", None));
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"60 calls during the outage took {clock.Elapsed}");
        Assert.True(context.Failures >= 60, $"counted {context.Failures} failures");
        Assert.Equal(1, context.Log.Count(UnavailableEvent));

        await _server.StartAsync();
        // The server came back empty (no persistence); the client reconnects on its own.
        var deadline = Stopwatch.StartNew();
        CidCacheEntry? entry = null;
        while (entry is null && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await context.Cids.SetAsync(digest, new CidCacheEntry(cid, "x/y"), None);
            entry = await context.Cids.GetAsync(digest, None);
            if (entry is null) await Task.Delay(100);
        }
        Assert.Equal(new CidCacheEntry(cid, "x/y"), entry);
        Assert.Equal(1, context.Log.Count(RecoveredEvent));
        Assert.Equal(1, context.Log.Count(UnavailableEvent));
    }

    [Fact]
    public async Task A_server_that_was_never_up_is_a_quick_miss()
    {
        await _server.StopAsync();
        await using var context = new RedisTestContext(_server.Configuration);
        var clock = Stopwatch.StartNew();

        Assert.Null(await context.Cids.GetAsync(RedisCidCacheTests.NewDigest(), None));
        Assert.Null(await context.State.GetDocumentAsync(RedisCidCacheTests.NewDigest(), None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(2, context.Failures);
        Assert.Equal(1, context.Log.Count(UnavailableEvent));
    }
}
