using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Durability;

/// <summary>
/// The cache on a real 8 MiB tmpfs volume, with a size bound far above it: room is made before
/// writing by evicting least recently used entries; a blob the volume cannot take still streams
/// to every client, verified and uncached, while the cache reports itself degraded (ready, said
/// once in the log); wrong bytes on that path are cut, never ended cleanly.
/// </summary>
public sealed class FullDiskTests
{
    private const int Huge = 24 * 1024 * 1024;

    [RequiresToolFact("mount", "umount", Root = true)]
    public async Task A_small_volume_evicts_before_writing_and_streams_what_it_cannot_hold_verified_and_uncached()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1121, LayerSizes = [3_000_000, 3_000_000, 3_000_000, Huge], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/full", "v1");
        await using var volume = await TmpfsVolume.MountAsync("8m");
        await using var facade = await FacadeProcess.StartAsync(registry.BaseUri, volume.Path, ["--Facade:Cache:MaxBytes=1073741824"]);
        var (a, b, c, huge) = (image.Layers[0], image.Layers[1], image.Layers[2], image.Layers[3]);
        foreach (var layer in new[] { a, b, c })
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/full/blobs/{layer.Digest}"));

        // Three 3 MB blobs do not fit in 8 MiB: the least recently used made room for the third.
        Assert.Null(CacheFiles.Find(volume.Path, "blobs", a.Digest));
        Assert.NotNull(CacheFiles.Find(volume.Path, "blobs", c.Digest));
        Assert.Equal("ready", await ReadyStatusAsync(facade));

        // A blob three times the volume: one client after another, then two at once, all whole.
        var path = $"/v2/team/full/blobs/{huge.Digest}";
        for (var i = 0; i < 2; i++)
            Assert.Equal((huge.Digest.Value, huge.Bytes.LongLength), await PullHashedAsync(facade.Client, path));
        var together = await Task.WhenAll(PullHashedAsync(facade.Client, path), PullHashedAsync(facade.Client, path));
        Assert.All(together, pulled => Assert.Equal((huge.Digest.Value, huge.Bytes.LongLength), pulled));
        Assert.Null(CacheFiles.Find(volume.Path, "blobs", huge.Digest));
        Assert.Empty(Directory.GetFiles(volume["tmp"]));

        for (var i = 0; i < 3; i++)
        {
            using var ready = await facade.Client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("cache").GetString()));
        }
        Assert.Equal(1, CountOf(facade.Process.Output.ToString(), "Cache degraded"));

        // Cached blobs are still served from the volume.
        Assert.Equal(c.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/full/blobs/{c.Digest}"));
    }

    [RequiresToolFact("mount", "umount", Root = true)]
    public async Task Wrong_bytes_streamed_past_a_full_cache_are_cut_and_never_cached()
    {
        await using var upstream = await FaultyUpstream.StartAsync(Huge);
        upstream.Behaviour = FaultyUpstream.Mode.WrongBytes;
        await using var volume = await TmpfsVolume.MountAsync("8m");
        await using var facade = await FacadeProcess.StartAsync(upstream.Address, volume.Path, ["--Facade:Cache:MaxBytes=1073741824"]);
        var path = $"/v2/team/wrong/blobs/{upstream.Digest}";
        await CutResponse.AssertAsync(facade.Client, path);
        await CutResponse.AssertAsync(facade.Client, path);
        Assert.Equal([Path.Combine(volume.Path, "lock")], Directory.GetFiles(volume.Path, "*", SearchOption.AllDirectories));

        // The same path serves the blob once the upstream sends the right bytes.
        upstream.Behaviour = FaultyUpstream.Mode.Healthy;
        Assert.Equal(upstream.Blob, await facade.Client.GetByteArrayAsync(path));
    }

    [RequiresToolFact("mount", "umount", Root = true)]
    public async Task A_volume_that_fills_up_mid_blob_lets_its_readers_continue_past_the_cache()
    {
        const int Size = 6 * 1024 * 1024;
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1127, LayerSizes = [Size, Size], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/fills", "v1");
        await using var relay = await FaultRelay.HoldingAsync(registry.BaseUri, after: 1024 * 1024);
        await using var volume = await TmpfsVolume.MountAsync("8m");
        await using var facade = await FacadeProcess.StartAsync(relay.BaseUri, volume.Path, ["--Facade:Cache:MaxBytes=1073741824"]);
        var (first, second) = (image.Layers[0], image.Layers[1]);

        // The first fill got room for 6 MiB and is held after 1 MiB; the second takes the room
        // the first was counting on, so the first runs out of space mid-blob once released.
        var held = PullHashedAsync(facade.Client, $"/v2/team/fills/blobs/{first.Digest}");
        await relay.Holding.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((second.Digest.Value, second.Bytes.LongLength), await PullHashedAsync(facade.Client, $"/v2/team/fills/blobs/{second.Digest}"));
        relay.Release();
        Assert.Equal((first.Digest.Value, first.Bytes.LongLength), await held);

        Assert.NotNull(CacheFiles.Find(volume.Path, "blobs", second.Digest));
        Assert.Null(CacheFiles.Find(volume.Path, "blobs", first.Digest));
        Assert.Empty(Directory.GetFiles(volume["tmp"]));
        // The reader went on from the byte the failed file held, with a Range request.
        Assert.Contains(relay.BlobRanges, r => r.StartsWith("bytes=", StringComparison.Ordinal) && r != "bytes=0-");
        Assert.Equal("degraded", await ReadyStatusAsync(facade));
    }

    /// <summary>GETs a blob, asserting 200, and returns the digest and length of the body received.</summary>
    private static async Task<(string Digest, long Length)> PullHashedAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        var length = 0L;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            length += read;
        }
        return ("sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset()), length);
    }

    private static async Task<string?> ReadyStatusAsync(FacadeProcess facade)
    {
        using var json = JsonDocument.Parse(await facade.Client.GetStringAsync("/health/ready"));
        return json.RootElement.GetProperty("status").GetString();
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
