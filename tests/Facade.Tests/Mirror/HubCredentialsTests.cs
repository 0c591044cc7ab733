using System.Net;
using System.Text;
using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Mirror;

/// <summary>
/// The default upstream set up the way the Hub is: the registry on one host name, its token
/// service on another (127.0.0.2 and 127.0.0.3), credentials from a Docker <c>config.json</c>
/// under the Hub's legacy index key. The credentials must reach the token service, or the pull is
/// refused.
/// </summary>
public sealed class HubCredentialsTests
{
    private static readonly Dictionary<string, string> Users = new() { ["hubuser"] = "hub-secret" };

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Config_json_credentials_under_the_legacy_key_reach_a_token_service_on_another_host()
    {
        using var dir = new TempDir("hub");
        await using var tokens = await TokenServer.StartAsync(dir, new TokenServerOptions { Users = Users }, IPAddress.Parse("127.0.0.3"));
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Token = tokens, Host = "127.0.0.2", Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 151 });
        using (var client = registry.CreateClient(new RegistryCredential("hubuser", "hub-secret")))
            await image.PushAsync(client, "team/app", "v1");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("hubuser:hub-secret"));
        // A helper next to the entry: reported at start, and the entry itself still used.
        var config = dir.WriteFile("config.json",
            $$$"""{"auths":{"{{{RegistryHost.LegacyIndexKey}}}":{"auth":"{{{auth}}}"}},"credsStore":"desktop"}""");

        var settings = FacadeHost.MirrorOf("docker.io", registry.BaseUri,
            ("Facade:Upstreams:docker.io:DockerConfig", config),
            // Written as a URL: entries are normalised to host:port.
            ("Facade:Upstreams:docker.io:TokenRealms:0", tokens.Realm.ToString()));
        var before = tokens.Requests;
        var facade = await FacadeHost.StartAsync(settings);
        try
        {
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/app/manifests/v1"));
            Assert.Equal(image.Layers[0].Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/app/blobs/{image.Layers[0].Digest}"));
            Assert.True(tokens.Requests > before);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }

        // Without the realm entry the credentials stay home: the token service refuses the anonymous ask.
        settings.Remove("Facade:Upstreams:docker.io:TokenRealms:0");
        var untrusted = await FacadeHost.StartAsync(settings);
        try
        {
            using var refused = await untrusted.Client.GetAsync("/v2/team/app/manifests/v1");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        finally
        {
            await untrusted.DisposeAndDeleteCacheAsync();
        }
    }
}
