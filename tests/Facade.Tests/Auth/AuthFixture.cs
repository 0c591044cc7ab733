using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Facade.Tests.Auth;

/// <summary>
/// A real distribution registry (writable upstream <c>local</c>), an htpasswd file written by
/// <c>htpasswd -B</c>, and two facades in front of the registry with push on: one lets anyone
/// pull (<c>Pull=Anonymous</c>), the other asks credentials for everything.
/// </summary>
public sealed class AuthFixture : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "wonder-land:1";
    public const string Image = "team/auth";

    public TempDir Dir { get; } = new("auth");
    public DistributionRegistry Registry { get; private set; } = null!;
    public RegistryClient Upstream { get; private set; } = null!;
    public FacadeHost Open { get; private set; } = null!;
    public FacadeHost Closed { get; private set; } = null!;
    public GeneratedImage Pushed { get; private set; } = null!;
    public string HtpasswdPath => Dir["htpasswd"];

    public async Task InitializeAsync()
    {
        await Htpasswd.WriteAsync(HtpasswdPath, new Dictionary<string, string> { [User] = Password, ["bob"] = "builder" });
        Registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        Upstream = Registry.CreateClient();
        Pushed = ImageGenerator.Image(new ImageSpec { Seed = 1201, LayerSizes = [30_000, 2_000] });
        await Pushed.PushAsync(Upstream, Image, "v1");
        Open = await StartAsync("Anonymous");
        Closed = await StartAsync("Authenticated");
    }

    /// <summary>A facade with authentication on, the given pull policy and optional extra settings.</summary>
    public Task<FacadeHost> StartAsync(string pull, params (string Key, string Value)[] extra) =>
        StartAsync(TimeProvider.System, pull, extra);

    /// <summary>The same on the given clock (a test's fake one moves failure windows and reloads on).</summary>
    public Task<FacadeHost> StartAsync(TimeProvider clock, string pull, params (string Key, string Value)[] extra) =>
        FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Registry.BaseUri,
            [("Facade:Upstreams:local:Writable", "true"), ("Facade:Push:Enabled", "true"),
             ("Facade:Auth:Htpasswd", HtpasswdPath), ("Facade:Auth:Pull", pull), .. extra]),
            configure: b => b.Services.AddSingleton(clock));

    public async Task DisposeAsync()
    {
        await Open.DisposeAndDeleteCacheAsync();
        await Closed.DisposeAndDeleteCacheAsync();
        Upstream.Dispose();
        await Registry.DisposeAsync();
        Dir.Dispose();
    }
}
