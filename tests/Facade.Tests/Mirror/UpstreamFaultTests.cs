using System.Net;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Mirror;

/// <summary>Upstream failures mid-transfer: never a clean end with wrong bytes, nothing cached.</summary>
public sealed class UpstreamFaultTests
{
    private const int Size = 3 * 1024 * 1024;

    private static async Task<(FaultyUpstream Upstream, FacadeHost Facade)> StartAsync(FaultyUpstream.Mode mode, params (string, string)[] extra)
    {
        var upstream = await FaultyUpstream.StartAsync(Size);
        upstream.Behaviour = mode;
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("faulty", upstream.Address, extra));
        return (upstream, facade);
    }

    [Theory]
    [InlineData(FaultyUpstream.Mode.DieMidBody)]
    [InlineData(FaultyUpstream.Mode.WrongBytes)]
    public async Task Broken_transfer_aborts_the_client_caches_nothing_and_the_next_pull_succeeds(FaultyUpstream.Mode mode)
    {
        var (upstream, facade) = await StartAsync(mode);
        await using var _ = upstream;
        try
        {
            var url = $"/v2/team/app/blobs/{upstream.Digest}";
            // Half the blob arrives before the fault; resumes fail fast against this upstream, so the
            // fill may have failed before the response started: the client never gets a whole blob.
            await CutResponse.AssertNeverCompleteAsync(facade.Client, url);
            Assert.Empty(Directory.GetFiles(Path.Combine(facade.CacheDirectory, "blobs"), "*", SearchOption.AllDirectories));
            await WaitForNoTempFiles(facade.CacheDirectory);

            upstream.Behaviour = FaultyUpstream.Mode.Healthy;
            var bytes = await facade.Client.GetByteArrayAsync(url);
            Assert.Equal(upstream.Blob, bytes);
            Assert.Single(Directory.GetFiles(Path.Combine(facade.CacheDirectory, "blobs"), "*", SearchOption.AllDirectories));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Stalled_upstream_times_out_on_progress()
    {
        var (upstream, facade) = await StartAsync(FaultyUpstream.Mode.Stall, ("Facade:Timeouts:Idle", "00:00:01"));
        await using var _ = upstream;
        try
        {
            var started = DateTime.UtcNow;
            await CutResponse.AssertAsync(facade.Client, $"/v2/team/app/blobs/{upstream.Digest}");
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "the stall was not cut by the idle timeout");
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Upstream_5xx_becomes_an_oci_error_naming_the_upstream()
    {
        var (upstream, facade) = await StartAsync(FaultyUpstream.Mode.Status503, ("Facade:Timeouts:Attempts", "1"));
        await using var _ = upstream;
        try
        {
            using var response = await facade.Client.GetAsync($"/v2/team/app/blobs/{upstream.Digest}");
            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("\"errors\"", body);
            Assert.Contains("faulty", body);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    private static async Task WaitForNoTempFiles(string cache)
    {
        for (var i = 0; i < 50 && Directory.GetFiles(Path.Combine(cache, "tmp")).Length > 0; i++) await Task.Delay(100);
        Assert.Empty(Directory.GetFiles(Path.Combine(cache, "tmp")));
    }
}
