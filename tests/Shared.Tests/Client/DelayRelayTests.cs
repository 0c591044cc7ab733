using System.Diagnostics;
using System.Net;
using Facade.Shared.Client;
using Facade.TestSupport;

namespace Facade.Shared.Tests.Client;

/// <summary>
/// The delay relay the TLS bench puts in front of the registry: TLS and HTTP/2 pass through it
/// untouched, every byte comes back, and each round trip costs at least the configured delay.
/// </summary>
public sealed class DelayRelayTests
{
    private static readonly TimeSpan OneWay = TimeSpan.FromMilliseconds(15);

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Tls_and_http2_pass_end_to_end_every_byte_arrives_and_a_round_trip_costs_the_delay()
    {
        using var authority = TestCertificates.CreateAuthority();
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Tls = authority, Quiet = true });
        await using var relay = new DelayRelay(registry.DirectUri, OneWay);
        var image = ImageGenerator.Image(new ImageSpec { Seed = 31, LayerSizes = [3_000_000] });
        using var client = RegistryClient.Create(relay.BaseUri("https"), new RegistryHttpOptions { TrustedRoots = TrustedRoots.FromPemFile(registry.CaFile) });
        await image.PushAsync(client, "team/far", "v1");
        relay.Reset();

        var layer = image.Layers[0];
        using var response = await client.SendAsync(HttpMethod.Get, new Uri(client.BaseUri, $"/v2/team/far/blobs/{layer.Digest}"), null, default);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(layer.Bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.True(relay.BytesFromTarget > layer.Size, $"the relay counted {relay.BytesFromTarget} bytes from the registry");

        // On the open connection, a request and its answer cross the relay once each way.
        var watch = Stopwatch.StartNew();
        await client.PingAsync();
        Assert.True(watch.Elapsed >= 2 * OneWay, $"a round trip took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_capped_link_delivers_every_byte_no_faster_than_its_rate()
    {
        const long rate = 16L * 1024 * 1024;
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        await using var relay = new DelayRelay(registry.DirectUri, OneWay, bytesPerSecond: rate);
        var image = ImageGenerator.Image(new ImageSpec { Seed = 32, LayerSizes = [6_000_000] });
        using var client = RegistryClient.Create(relay.BaseUri("http"));
        await image.PushAsync(client, "team/narrow", "v1");

        var layer = image.Layers[0];
        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(HttpMethod.Get, new Uri(client.BaseUri, $"/v2/team/narrow/blobs/{layer.Digest}"), null, default);
        Assert.Equal(layer.Bytes, await response.Content.ReadAsByteArrayAsync());
        // The link may run six milliseconds ahead of its rate, never more.
        var least = TimeSpan.FromSeconds((double)layer.Size / rate) - TimeSpan.FromMilliseconds(6);
        Assert.True(watch.Elapsed >= least, $"{layer.Size} bytes at {rate} B/s took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public void A_link_rate_is_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DelayRelay(new Uri("http://127.0.0.1:1/"), OneWay, bytesPerSecond: 0));
    }
}
