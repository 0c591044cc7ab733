using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Push;

/// <summary>
/// A real distribution registry and a facade in front of it with push enabled: upstream
/// <c>local</c> (writable, the default) and upstream <c>other</c> (the same registry under a second
/// name, writable too, so a mount across upstream names can be told from one within an upstream).
/// </summary>
public sealed class PushFixture : IAsyncLifetime
{
    public DistributionRegistry Registry { get; private set; } = null!;
    public FacadeHost Facade { get; private set; } = null!;

    /// <summary>The project's client talking to the registry directly.</summary>
    public RegistryClient Upstream { get; private set; } = null!;

    /// <summary>The project's client talking to the facade.</summary>
    public RegistryClient ThroughFacade { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        Upstream = Registry.CreateClient();
        Facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Registry.BaseUri,
            ("Facade:Upstreams:local:Writable", "true"),
            ("Facade:Upstreams:other:Url", Registry.BaseUri.ToString()),
            ("Facade:Upstreams:other:Writable", "true"),
            ("Facade:Push:Enabled", "true"),
            ("Facade:Auth:AllowAnonymousPush", "true")));
        ThroughFacade = RegistryClient.Create(Facade.Address);
    }

    public async Task DisposeAsync()
    {
        ThroughFacade.Dispose();
        await Facade.DisposeAndDeleteCacheAsync();
        Upstream.Dispose();
        await Registry.DisposeAsync();
    }
}
