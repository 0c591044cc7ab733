using Facade.Cli;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Mirror;

/// <summary>
/// A real containerd pulls and unpacks through the facade as its docker.io mirror. The
/// hosts.toml is written by the facade's own setup command; its fallback server is a closed
/// local port, so the image can only have come through the facade (and nothing leaves the machine).
/// </summary>
public sealed class ContainerdMirrorTests
{
    [RequiresToolFact("containerd", "ctr", "docker-registry", Root = true)]
    public async Task Containerd_pulls_and_unpacks_through_the_facade_as_docker_io_mirror()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 41, LayerSizes = [200_000, 50_000] });
        using (var client = registry.CreateClient()) await image.PushAsync(client, "library/app", "v1");

        var facade = await FacadeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Facade:Upstreams:docker.io:Url"] = registry.BaseUri.ToString(),
            ["Facade:DefaultUpstream"] = "docker.io",
        });
        await using var containerd = await ContainerdHost.StartAsync();
        try
        {
            var closed = $"http://127.0.0.1:{FreePort.Next()}";
            var code = SetupContainerdCommand.Run(["--facade", facade.Address.ToString(), "--certs-dir", containerd.HostsDirectory,
                "--registry", "docker.io", "--server", closed], TextWriter.Null, TextWriter.Null);
            Assert.Equal(0, code);

            var pull = await containerd.PullAsync("docker.io/library/app:v1");
            Assert.True(pull.Succeeded, pull.StandardError + pull.StandardOutput);
            Assert.Contains("docker.io/library/app:v1", await containerd.ListImagesAsync());
            Assert.NotEmpty(containerd.FindUnpackedFile("facade/layer-0.txt"));
            Assert.NotEmpty(containerd.FindUnpackedFile("facade/layer-1.txt"));
            Assert.Equal(1, registry.Counter!.BlobGets("library/app", image.Layers[0].Digest.Value));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
