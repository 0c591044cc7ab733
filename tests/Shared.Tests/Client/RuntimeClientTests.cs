using System.Text.Json;
using Facade.TestSupport;

namespace Facade.Shared.Tests.Client;

/// <summary>Images pushed with the project's client are pulled by real runtimes: containerd and skopeo.</summary>
public sealed class RuntimeClientTests
{
    [RequiresToolFact(DistributionRegistry.Program, ContainerdHost.Program, ContainerdHost.Ctr, Root = true)]
    public async Task Containerd_pulls_and_unpacks_a_multi_arch_image_through_hosts_toml()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true });
        using var client = registry.CreateClient();
        var index = ImageGenerator.Index(new ImageSpec { Seed = 21, LayerSizes = [100_000, 300_000] });
        await index.PushAsync(client, "runtimes/app", "v1");
        await using var containerd = await ContainerdHost.StartAsync();
        containerd.ConfigureHost(registry.Authority, registry.BaseUri);
        var amd64 = index.Images.Single(i => i.Spec.Architecture == "amd64");

        var pull = await containerd.PullAsync($"{registry.Authority}/runtimes/app:v1", "linux/amd64");

        Assert.True(pull.Succeeded, pull.StandardError + pull.StandardOutput + containerd.Output);
        Assert.Contains($"{registry.Authority}/runtimes/app:v1", await containerd.ListImagesAsync());
        var content = await containerd.ListContentAsync();
        Assert.Contains(index.Digest.Value, content);
        Assert.All(amd64.Blobs, blob => Assert.Contains(blob.Digest.Value, content));
        Assert.Equal(2, (await containerd.ListSnapshotsAsync()).Count);
        Assert.Single(containerd.FindUnpackedFile("facade/layer-1.txt"));
        Assert.Equal(1, registry.Counter!.BlobGets("runtimes/app", amd64.Layers[1].Digest.Value));
        var arm64 = index.Images.Single(i => i.Spec.Architecture == "arm64");
        Assert.Equal(0, registry.Counter.BlobGets("runtimes/app", arm64.Layers[0].Digest.Value));
    }

    [RequiresToolFact(DistributionRegistry.Program, Skopeo.Program)]
    public async Task Skopeo_copies_an_image_to_a_directory_and_an_oci_layout()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 22, LayerSizes = [50_000], Format = ManifestFormat.Docker });
        await image.PushAsync(client, "runtimes/tool", "v1");
        using var target = new TempDir("sko");

        var toDir = await Skopeo.CopyAsync(Skopeo.Docker(registry.BaseUri, "runtimes/tool", "v1"), "dir:" + target["dir"]);
        var toOci = await Skopeo.CopyAsync(Skopeo.Docker(registry.BaseUri, "runtimes/tool", image.Digest.Value), $"oci:{target["oci"]}:v1");
        var inspect = await Skopeo.InspectAsync(Skopeo.Docker(registry.BaseUri, "runtimes/tool", "v1"));

        toDir.EnsureSuccess();
        toOci.EnsureSuccess();
        Assert.Equal(image.ManifestBytes, await File.ReadAllBytesAsync(target["dir/manifest.json"]));
        Assert.Equal(image.Layers[0].Bytes, await File.ReadAllBytesAsync(target["dir/" + image.Layers[0].Digest.Encoded]));
        Assert.True(File.Exists(target["oci/blobs/sha256/" + image.Layers[0].Digest.Encoded]));
        using var inspected = JsonDocument.Parse(inspect.EnsureSuccess().StandardOutput);
        Assert.Equal(image.Digest.Value, inspected.RootElement.GetProperty("Digest").GetString());
        Assert.Equal("true", inspected.RootElement.GetProperty("Labels").GetProperty("org.example.generated").GetString());
    }
}
