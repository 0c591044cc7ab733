using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Shared.Tests.Client;

/// <summary>The client against the reference registry without auth: every API call the project uses.</summary>
public sealed class RegistryClientPushPullTests
{
    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Pushes_and_pulls_an_oci_image_byte_for_byte()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        using var client = registry.CreateClient();
        await client.PingAsync();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 3, LayerSizes = [200_000, 1_500_000] });

        var pushed = await image.PushAsync(client, "team/app", "v1");

        Assert.Equal(image.Digest, pushed);
        var byTag = await client.GetManifestAsync("team/app", "v1");
        Assert.NotNull(byTag);
        Assert.Equal(image.ManifestBytes, byTag.Bytes.ToArray());
        Assert.Equal(MediaTypes.OciManifest, byTag.MediaType);
        Assert.Equal(image.Digest, byTag.Digest);
        var byDigest = await client.GetManifestAsync("team/app", image.Digest.Value);
        Assert.Equal(image.ManifestBytes, byDigest!.Bytes.ToArray());
        var head = await client.HeadManifestAsync("team/app", "v1");
        Assert.Equal(new ManifestInfo(MediaTypes.OciManifest, image.Digest, image.ManifestBytes.Length), head);
        foreach (var blob in image.Blobs)
        {
            Assert.Equal(blob.Size, await client.HeadBlobAsync("team/app", blob.Digest));
            await using var stream = await client.GetBlobAsync("team/app", blob.Digest);
            using var copy = new MemoryStream();
            await stream!.CopyToAsync(copy);
            Assert.Equal(blob.Bytes, copy.ToArray());
        }
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Pushes_a_docker_multi_arch_list_mounts_lists_tags_and_deletes()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        using var client = registry.CreateClient();
        var index = ImageGenerator.Index(new ImageSpec { Seed = 5, Format = ManifestFormat.Docker, Gzip = false });

        var digest = await index.PushAsync(client, "multi", "latest");
        await client.PushManifestAsync("multi", "second", index.Bytes, index.MediaType);

        var fetched = await client.GetManifestAsync("multi", "latest");
        Assert.Equal(MediaTypes.DockerManifestList, fetched!.MediaType);
        Assert.Equal(digest, fetched.Digest);
        Assert.Equal(["latest", "second"], (await client.ListTagsAsync("multi", pageSize: 1))!.Order());
        var layer = index.Images[1].Layers[0];
        Assert.False(await client.PushBlobAsync("other", layer.Digest, layer.Bytes, mountFrom: "multi"));
        Assert.Equal(layer.Size, await client.HeadBlobAsync("other", layer.Digest));

        Assert.True(await client.DeleteManifestAsync("multi", digest));
        Assert.Null(await client.GetManifestAsync("multi", digest.Value));
        Assert.False(await client.DeleteManifestAsync("multi", digest));
        Assert.True(await client.DeleteBlobAsync("other", layer.Digest));
        Assert.Null(await client.HeadBlobAsync("other", layer.Digest));
        Assert.Null(await client.GetBlobAsync("other", layer.Digest));
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Unknown_manifest_is_null_and_a_bad_name_is_refused_before_sending()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true });
        using var client = registry.CreateClient();

        Assert.Null(await client.GetManifestAsync("nothing/here", "latest"));
        Assert.Null(await client.ListTagsAsync("nothing/here"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetManifestAsync("../etc", "latest"));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetManifestAsync("ok", "bad tag"));
        Assert.Equal(1, registry.Counter!.Count("GET", "/v2/nothing/here/manifests/latest"));
        Assert.DoesNotContain(registry.Counter.Log, line => line.Contains("etc", StringComparison.Ordinal));
    }
}
