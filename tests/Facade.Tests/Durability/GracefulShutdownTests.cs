using System.Net.Sockets;
using System.Security.Cryptography;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Durability;

/// <summary>SIGTERM drains: pulls in flight finish with the right bytes, new connections are refused.</summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_lets_four_slow_cold_pulls_finish_and_refuses_new_connections()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1111, LayerSizes = [1_000_000, 1_000_000, 1_000_000, 1_000_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/drain", "v1");
        // ~320 KiB/s per connection: each 1 MB pull takes about three seconds.
        await using var relay = new TcpRelay(registry.DirectUri, TcpRelay.Paced(8 * 1024, TimeSpan.FromMilliseconds(25)));
        using var cache = new TempDir("fdrain");
        await using var facade = await FacadeProcess.StartAsync(relay.BaseUri, cache.Path, ["--Facade:ShutdownTimeout=00:00:30"]);

        var pulls = image.Layers.Select(async layer =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = facade.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
            using var response = await http.GetAsync($"/v2/team/drain/blobs/{layer.Digest}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var first = new byte[1];
            Assert.Equal(1, await body.ReadAsync(first));
            var started = DateTime.UtcNow;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(first);
            var rest = new MemoryStream();
            await body.CopyToAsync(rest);
            hash.AppendData(rest.ToArray());
            return (Layer: layer, Length: 1 + rest.Length, Hex: Convert.ToHexStringLower(hash.GetHashAndReset()), Started: started);
        }).ToList();

        // Every pull has its headers and bytes flowing before the signal.
        await WaitUntilAsync(() => Directory.GetFiles(cache["tmp"]).Length >= 4, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        var signal = facade.Process.StopAsync(TimeSpan.FromSeconds(40));

        // New connections are refused once the listener is closed (within a moment of the signal).
        var refused = false;
        for (var i = 0; i < 40 && !refused; i++)
        {
            await Task.Delay(100);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { await socket.ConnectAsync("127.0.0.1", facade.BaseUri.Port); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused) { refused = true; }
        }
        Assert.True(refused, "a new connection was accepted after SIGTERM");

        foreach (var pull in pulls)
        {
            var (layer, length, hex, _) = await pull;
            Assert.Equal(layer.Size, length);
            Assert.Equal(layer.Digest.Encoded, hex);
        }
        await signal;
        Assert.True(facade.Process.HasExited);
        // The fills committed before the process ended: the blobs are cached for the next start.
        foreach (var layer in image.Layers)
            Assert.Single(Directory.GetFiles(cache["blobs"], layer.Digest.Encoded + ".*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Sigterm_lets_a_manifest_fetch_in_flight_finish()
    {
        // A manifest of 120 layers (about 20 KB) through a relay that sends ~10 KiB/s: its fetch
        // from the upstream is still running when the signal comes, and must not be cancelled by it.
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1112, LayerSizes = [.. Enumerable.Repeat(16L, 120)], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/drain-manifest", "v1");
        Assert.True(image.ManifestBytes.Length > 15_000);
        await using var relay = new TcpRelay(registry.DirectUri, TcpRelay.Paced(256, TimeSpan.FromMilliseconds(25)));
        using var cache = new TempDir("fdrainm");
        await using var facade = await FacadeProcess.StartAsync(relay.BaseUri, cache.Path, ["--Facade:ShutdownTimeout=00:00:30"]);

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = facade.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/team/drain-manifest/manifests/{image.Digest}");
        request.Headers.Accept.ParseAdd(image.MediaType);
        var pull = http.SendAsync(request);
        // The upstream fetch takes about two seconds; the signal comes well inside it.
        await Task.Delay(700);
        Assert.False(pull.IsCompleted, "the manifest arrived before the signal: the relay is not slow enough for this test");
        var signal = facade.Process.StopAsync(TimeSpan.FromSeconds(40));

        using var response = await pull;
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(image.ManifestBytes, await response.Content.ReadAsByteArrayAsync());
        await signal;
        Assert.True(facade.Process.HasExited);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
