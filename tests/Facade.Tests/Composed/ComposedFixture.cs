using System.Text.Json;
using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Composition;
using Facade.Tests.Infrastructure;
using Facade.Protos.RegistryFacade;
using ImageSpec = Facade.TestSupport.ImageSpec;
using SpecMessage = Facade.Protos.RegistryFacade.ImageSpec;
using Google.Protobuf;

namespace Facade.Tests.Composed;

/// <summary>
/// A real registry holding a base image (and a two-platform base), an IDE image whose config
/// carries env modifiers and a skip-n label, and a supervisor image; a real gRPC spec provider;
/// a fixed spec file; and a facade serving both as composed names.
/// </summary>
public sealed class ComposedFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new("composed");

    public DistributionRegistry Registry { get; private set; } = null!;
    public FacadeHost Facade { get; private set; } = null!;
    internal SpecServer Specs { get; private set; } = null!;
    public RegistryClient Upstream { get; private set; } = null!;
    public string FixedSpecFile => _dir["specs.json"];

    public GeneratedImage Base { get; } = ImageGenerator.Image(new ImageSpec { Seed = 51, LayerSizes = [120_000, 30_000], Env = ["PATH=/usr/bin", "LANG=C"] });
    public GeneratedImage Base2 { get; } = ImageGenerator.Image(new ImageSpec { Seed = 52, LayerSizes = [60_000], Format = ManifestFormat.Docker });
    public GeneratedIndex MultiBase { get; } = ImageGenerator.Index(new ImageSpec { Seed = 53, LayerSizes = [20_000] });
    public GeneratedImage Ide { get; } = ImageGenerator.Image(new ImageSpec
    {
        Seed = 54,
        LayerSizes = [10_000, 40_000],
        Env = ["GITPOD_ENV_SET_EDITOR=code", "GITPOD_ENV_APPEND_PATH=/ide/bin:", "GITPOD_ENV_PREPEND_LANG=.UTF-8", "IGNORED=1"],
        Labels = new Dictionary<string, string> { ["skip-n.registry-facade.gitpod.io"] = "1" },
    });
    public GeneratedImage Supervisor { get; } = ImageGenerator.Image(new ImageSpec { Seed = 55, LayerSizes = [25_000], Env = [] });
    public byte[] DirectContent { get; } = MakeTar();

    public string Ref(string repository, string tag) => $"{Registry.Authority}/{repository}:{tag}";

    public async Task InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        Upstream = Registry.CreateClient();
        await Base.PushAsync(Upstream, "base/app", "v1");
        await Base2.PushAsync(Upstream, "base/app", "v2");
        await MultiBase.PushAsync(Upstream, "base/multi", "v1");
        await Ide.PushAsync(Upstream, "tools/ide", "v1");
        await Supervisor.PushAsync(Upstream, "tools/supervisor", "v1");

        WriteFixedSpecs(("ws1", Spec("base/app:v1")), ("multi", Spec("base/multi:v1")));
        Specs = await SpecServer.StartAsync();
        Specs.Service.Specs["ws-remote"] = Spec("base/app:v1");
        Facade = await FacadeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Facade:Upstreams:local:Url"] = Registry.BaseUri.ToString(),
            ["Facade:DefaultUpstream"] = "local",
            ["Facade:Composition:FixedSpecFile"] = FixedSpecFile,
            ["Facade:Composition:SpecProviders:0:Address"] = Specs.Address,
            ["Facade:Composition:SpecCacheTtl"] = "00:00:00",
        });
    }

    public SpecMessage Spec(string baseRepoTag) => new()
    {
        BaseRef = $"{Registry.Authority}/{baseRepoTag}",
        IdeRef = Ref("tools/ide", "v1"),
        SupervisorRef = Ref("tools/supervisor", "v1"),
        ContentLayer = { new ContentLayer { Direct = new DirectContentLayer { Content = ByteString.CopyFrom(DirectContent) } } },
    };

    public void WriteFixedSpecs(params (string Id, SpecMessage Spec)[] specs)
    {
        var formatter = new JsonFormatter(JsonFormatter.Settings.Default);
        var entries = specs.Select(s => $"{JsonSerializer.Serialize(s.Id)}: {formatter.Format(s.Spec)}");
        var temp = FixedSpecFile + ".tmp";
        File.WriteAllText(temp, "{" + string.Join(",", entries) + "}");
        File.Move(temp, FixedSpecFile, overwrite: true);
        File.SetLastWriteTimeUtc(FixedSpecFile, DateTime.UtcNow.AddSeconds(specs.Length + Random.Shared.Next(1, 1000)));
    }

    private static byte[] MakeTar()
    {
        using var buffer = new MemoryStream();
        using (var writer = new System.Formats.Tar.TarWriter(buffer, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "workspace/README.txt")
            {
                DataStream = new MemoryStream("content layer\n"u8.ToArray()),
                ModificationTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            writer.WriteEntry(entry);
        }
        return buffer.ToArray();
    }

    public async Task DisposeAsync()
    {
        await Facade.DisposeAndDeleteCacheAsync();
        await Specs.DisposeAsync();
        Upstream.Dispose();
        await Registry.DisposeAsync();
        _dir.Dispose();
    }
}
