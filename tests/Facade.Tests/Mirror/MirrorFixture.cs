using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Mirror;

/// <summary>
/// A real distribution registry behind a request counter, three generated images pushed to it
/// (OCI gzip, Docker schema2 uncompressed, a two-platform index), and a facade mirroring it as
/// upstream <c>local</c> (the default).
/// </summary>
public sealed class MirrorFixture : IAsyncLifetime
{
    public DistributionRegistry Registry { get; private set; } = null!;
    public FacadeHost Facade { get; private set; } = null!;
    public RegistryClient Upstream { get; private set; } = null!;
    public GeneratedImage Oci { get; } = ImageGenerator.Image(new ImageSpec { Seed = 11, LayerSizes = [300_000, 40_000] });
    public GeneratedImage Schema2 { get; } = ImageGenerator.Image(new ImageSpec { Seed = 12, LayerSizes = [200_000], Gzip = false, Format = ManifestFormat.Docker });
    public GeneratedIndex MultiArch { get; } = ImageGenerator.Index(new ImageSpec { Seed = 13, LayerSizes = [50_000] });

    public async Task InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true });
        Upstream = Registry.CreateClient();
        await Oci.PushAsync(Upstream, "team/oci", "v1");
        await Schema2.PushAsync(Upstream, "team/docker", "v1");
        await MultiArch.PushAsync(Upstream, "team/multi", "v1");
        Facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Registry.BaseUri));
    }

    public async Task DisposeAsync()
    {
        await Facade.DisposeAndDeleteCacheAsync();
        Upstream.Dispose();
        await Registry.DisposeAsync();
    }
}
