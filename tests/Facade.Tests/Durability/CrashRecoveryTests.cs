using System.Net;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Durability;

/// <summary>
/// A facade killed with SIGKILL, a cache file torn afterwards, a restart: the torn entry is never
/// served; the blob is fetched again and the right bytes come. Real processes, real registry.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task After_kill_9_a_truncated_blob_is_fetched_again_not_served_short()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1101, LayerSizes = [600_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/crash", "v1");
        var layer = image.Layers[0];
        using var cache = new TempDir("fcrash");

        var first = await FacadeProcess.StartAsync(registry.BaseUri, cache.Path);
        Assert.Equal(layer.Bytes, await first.Client.GetByteArrayAsync($"/v2/team/crash/blobs/{layer.Digest}"));
        await first.DisposeAsync(); // SIGKILL: no shutdown code runs

        var file = Assert.Single(Directory.GetFiles(cache["blobs"], layer.Digest.Encoded + ".*", SearchOption.AllDirectories));
        Assert.Equal(layer.Size, new FileInfo(file).Length);
        using (var torn = new FileStream(file, FileMode.Open, FileAccess.Write)) torn.SetLength(layer.Size / 3);

        await using var second = await FacadeProcess.StartAsync(registry.BaseUri, cache.Path);
        using var response = await second.Client.GetAsync($"/v2/team/crash/blobs/{layer.Digest}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(layer.Size, response.Content.Headers.ContentLength);
        Assert.Equal(layer.Bytes, await response.Content.ReadAsByteArrayAsync());
        // The torn file is gone and the refetched one is whole.
        var refetched = Assert.Single(Directory.GetFiles(cache["blobs"], layer.Digest.Encoded + ".*", SearchOption.AllDirectories));
        Assert.Equal(layer.Size, new FileInfo(refetched).Length);
    }

    [Fact]
    public async Task A_blob_torn_while_the_facade_runs_is_dropped_on_open_and_fetched_again()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1102, LayerSizes = [300_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/torn", "v1");
        var layer = image.Layers[0];
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri));
        try
        {
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/torn/blobs/{layer.Digest}"));
            var file = Assert.Single(Directory.GetFiles(Path.Combine(facade.CacheDirectory, "blobs"), layer.Digest.Encoded + ".*", SearchOption.AllDirectories));
            using (var torn = new FileStream(file, FileMode.Open, FileAccess.Write)) torn.SetLength(10);

            using var response = await facade.Client.GetAsync($"/v2/team/torn/blobs/{layer.Digest}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(layer.Bytes, await response.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Cache_folders_removed_while_the_facade_runs_are_refilled_not_answered_with_an_error()
    {
        // An operator's cleaner (or a hand) empties the cache folders under a running facade: the
        // entries it still lists must be fetched again, as if they were never cached.
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1104, LayerSizes = [250_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/swept", "v1");
        var layer = image.Layers[0];
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri));
        try
        {
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/swept/blobs/{layer.Digest}"));
            foreach (var folder in Directory.GetDirectories(Path.Combine(facade.CacheDirectory, "blobs")))
                Directory.Delete(folder, recursive: true);

            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var response = await facade.Client.GetAsync($"/v2/team/swept/blobs/{layer.Digest}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(layer.Bytes, await response.Content.ReadAsByteArrayAsync());
            }
            var refilled = Assert.Single(Directory.GetFiles(Path.Combine(facade.CacheDirectory, "blobs"), layer.Digest.Encoded + ".*", SearchOption.AllDirectories));
            Assert.Equal(layer.Size, new FileInfo(refilled).Length);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Verify_on_start_drops_bytes_damaged_in_place_without_delaying_start()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1103, LayerSizes = [200_000, 200_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/rot", "v1");
        var settings = FacadeHost.MirrorOf("local", registry.BaseUri, ("Facade:Timeouts:Attempts", "1"));
        var first = await FacadeHost.StartAsync(settings);
        var cache = first.CacheDirectory;
        foreach (var layer in image.Layers)
            Assert.Equal(layer.Bytes, await first.Client.GetByteArrayAsync($"/v2/team/rot/blobs/{layer.Digest}"));
        await first.DisposeAsync();

        // Same length, one byte flipped: only re-hashing can tell.
        var damaged = image.Layers[0];
        var file = Assert.Single(Directory.GetFiles(Path.Combine(cache, "blobs"), damaged.Digest.Encoded + ".*", SearchOption.AllDirectories));
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(file, bytes);

        settings["Facade:Cache:VerifyOnStart"] = "true";
        var second = await FacadeHost.StartAsync(settings, cache);
        try
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (File.Exists(file) && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.False(File.Exists(file), "the damaged entry was not dropped by the background verification");
            var sound = image.Layers[1];
            Assert.Single(Directory.GetFiles(Path.Combine(cache, "blobs"), sound.Digest.Encoded + ".*", SearchOption.AllDirectories));
            Assert.Equal(damaged.Bytes, await second.Client.GetByteArrayAsync($"/v2/team/rot/blobs/{damaged.Digest}"));
            Assert.Equal(sound.Bytes, await second.Client.GetByteArrayAsync($"/v2/team/rot/blobs/{sound.Digest}"));
        }
        finally
        {
            await second.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Start_up_trims_the_cache_to_a_lowered_bound()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1104, LayerSizes = [300_000, 300_000, 300_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/trim", "v1");
        var settings = FacadeHost.MirrorOf("local", registry.BaseUri);
        var first = await FacadeHost.StartAsync(settings);
        var cache = first.CacheDirectory;
        foreach (var layer in image.Layers)
            Assert.Equal(layer.Bytes, await first.Client.GetByteArrayAsync($"/v2/team/trim/blobs/{layer.Digest}"));
        await first.DisposeAsync();
        Assert.True(BlobBytes(cache) > 800_000);

        settings["Facade:Cache:MaxBytes"] = "500000";
        var second = await FacadeHost.StartAsync(settings, cache);
        try
        {
            Assert.InRange(BlobBytes(cache), 1, 500_000);
            foreach (var layer in image.Layers)
                Assert.Equal(layer.Bytes, await second.Client.GetByteArrayAsync($"/v2/team/trim/blobs/{layer.Digest}"));
        }
        finally
        {
            await second.DisposeAndDeleteCacheAsync();
        }
    }

    private static long BlobBytes(string cache) =>
        Directory.GetFiles(Path.Combine(cache, "blobs"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}
