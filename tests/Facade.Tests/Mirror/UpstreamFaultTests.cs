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
            // The fault waits until the client holds the first bytes: the response has started,
            // so the only honest end left is a cut body.
            upstream.HoldMidBody();
            using (var response = await facade.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await using var body = await response.Content.ReadAsStreamAsync();
                var first = new byte[1024];
                await body.ReadExactlyAsync(first);
                Assert.Equal(upstream.Blob.AsSpan(0, first.Length).ToArray(), first);
                upstream.ReleaseMidBody();
                var e = await Assert.ThrowsAnyAsync<Exception>(() => body.CopyToAsync(Stream.Null));
                Assert.True(e is HttpRequestException or IOException, $"expected a cut body, got {e.GetType().Name}: {e.Message}");
            }
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
    public async Task A_transfer_that_dies_before_its_first_byte_is_answered_with_an_oci_error()
    {
        var (upstream, facade) = await StartAsync(FaultyUpstream.Mode.DieBeforeBody);
        await using var _ = upstream;
        try
        {
            // Headers arrive upstream, then every attempt (the first and its resumes) dies with no
            // byte: nothing has gone to the client yet, so it gets a status it can act on.
            using var response = await facade.Client.GetAsync($"/v2/team/app/blobs/{upstream.Digest}");
            var envelope = await response.Content.ReadAsStringAsync();
            // The upstream's connection broke: unavailable (retry later), as for a refused connection.
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {envelope}");
            Assert.False(response.Headers.Contains("Docker-Content-Digest"), "an error does not name the blob's digest as its content");
            Assert.Contains("\"errors\"", envelope);
            Assert.Contains("faulty", envelope);
            Assert.Empty(Directory.GetFiles(Path.Combine(facade.CacheDirectory, "blobs"), "*", SearchOption.AllDirectories));
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
