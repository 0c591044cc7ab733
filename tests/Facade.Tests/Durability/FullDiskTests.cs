using System.Text.Json;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Durability;

/// <summary>
/// The cache on a real 8 MiB tmpfs volume, with a size bound far above it: room is made before
/// writing by evicting least recently used entries, and a blob the volume cannot take marks the
/// cache degraded (ready, said once in the log) instead of failing readiness.
/// </summary>
public sealed class FullDiskTests
{
    [RequiresToolFact("mount", "umount", Root = true)]
    public async Task A_small_volume_evicts_before_writing_and_reports_a_degraded_cache_once()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 1121, LayerSizes = [3_000_000, 3_000_000, 3_000_000, 12_000_000], Gzip = false });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "team/full", "v1");
        using var volume = new TempDir("ftmpfs");
        (await Tool.RunAsync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", volume.Path])).EnsureSuccess();
        try
        {
            await using var facade = await FacadeProcess.StartAsync(registry.BaseUri, volume.Path, ["--Facade:Cache:MaxBytes=1073741824"]);
            var (a, b, c, huge) = (image.Layers[0], image.Layers[1], image.Layers[2], image.Layers[3]);
            foreach (var layer in new[] { a, b, c })
                Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/full/blobs/{layer.Digest}"));

            // Three 3 MB blobs do not fit in 8 MiB: the least recently used made room for the third.
            Assert.Empty(Directory.GetFiles(volume["blobs"], a.Digest.Encoded + ".*", SearchOption.AllDirectories));
            Assert.Single(Directory.GetFiles(volume["blobs"], c.Digest.Encoded + ".*", SearchOption.AllDirectories));
            Assert.Equal("ready", await ReadyStatusAsync(facade));

            // A blob larger than the volume cannot be cached at all.
            for (var i = 0; i < 3; i++)
            {
                // Streaming it uncached is the blob path's part; here only the cache's state counts.
                try { await facade.Client.GetByteArrayAsync($"/v2/team/full/blobs/{huge.Digest}"); }
                catch (HttpRequestException) { }
            }
            for (var i = 0; i < 3; i++)
            {
                using var ready = await facade.Client.GetAsync("/health/ready");
                Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
                using var json = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
                Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
                Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("cache").GetString()));
            }
            var log = facade.Process.Output.ToString();
            Assert.Equal(1, CountOf(log, "Cache degraded"));

            // Cached blobs are still served from the volume.
            Assert.Equal(c.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/full/blobs/{c.Digest}"));
        }
        finally
        {
            await Tool.RunAsync("umount", ["-l", volume.Path]);
        }
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
