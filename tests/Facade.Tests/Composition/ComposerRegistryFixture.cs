using Facade.Protos.RegistryFacade;
using Facade.TestSupport;
using Google.Protobuf;
using ImageSpec = Facade.Protos.RegistryFacade.ImageSpec;

namespace Facade.Tests.Composition;

/// <summary>One docker-registry seeded with a multi-arch base, an IDE and a supervisor image, shared by the tests of a class.</summary>
public sealed class ComposerRegistryFixture : IAsyncLifetime
{
    internal DistributionRegistry? Registry { get; private set; }
    internal RegistryImageSource Source { get; private set; } = null!;
    internal TestImagePusher.Pushed Amd64 { get; private set; } = null!;
    internal TestImagePusher.Pushed Arm64 { get; private set; } = null!;
    internal TestImagePusher.Pushed Ide { get; private set; } = null!;
    internal ImageSpec Spec { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (RequiredTool.Find(DistributionRegistry.Program) is null) return;
        Registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        Source = new RegistryImageSource(Registry.Authority);
        var pusher = new TestImagePusher(Source);
        Amd64 = await pusher.PushImageAsync("base/multi", "amd64", "amd64", 2, ["PATH=/bin"]);
        Arm64 = await pusher.PushImageAsync("base/multi", "arm64", "arm64", 3, ["PATH=/bin"]);
        await pusher.PushIndexAsync("base/multi", "latest", (Amd64, "amd64"), (Arm64, "arm64"));
        Ide = await pusher.PushImageAsync("ide/code", "1", "amd64", 2, ["GITPOD_ENV_APPEND_PATH=/ide:", "PLAIN=x"],
            new Dictionary<string, string> { ["skip-n.registry-facade.gitpod.io"] = "1" });
        await pusher.PushImageAsync("supervisor", "1", "amd64", 1, ["GITPOD_ENV_SET_SUP=1"]);
        Spec = new ImageSpec
        {
            BaseRef = $"{Registry.Authority}/base/multi:latest",
            IdeRef = $"{Registry.Authority}/ide/code:1",
            SupervisorRef = $"{Registry.Authority}/supervisor:1",
            ContentLayer = { new ContentLayer { Direct = new DirectContentLayer { Content = ByteString.CopyFromUtf8("content") } } },
        };
    }

    public async Task DisposeAsync()
    {
        if (Registry is null) return;
        Source.Dispose();
        await Registry.DisposeAsync();
    }
}
