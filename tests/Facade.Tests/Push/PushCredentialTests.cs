using System.Net;
using System.Net.Http.Headers;
using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Push;

/// <summary>Pushes to an upstream with Basic auth use the facade's configured credentials, never the client's.</summary>
public sealed class PushCredentialTests
{
    private static readonly Dictionary<string, string> Users = new() { ["pusher"] = "s3cret-push" };

    [Fact]
    public async Task Client_credentials_are_not_forwarded_and_the_upstreams_own_are_used()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { HtpasswdUsers = Users, Quiet = true });
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Upstreams:local:Username", "pusher"), ("Facade:Upstreams:local:Password", "s3cret-push"),
            ("Facade:Upstreams:local:Writable", "true"), ("Facade:Push:Enabled", "true"), ("Facade:Auth:AllowAnonymousPush", "true")));
        try
        {
            var image = ImageGenerator.Image(new ImageSpec { Seed = 401, LayerSizes = [700] });
            // The client presents credentials the upstream would refuse; had the facade passed
            // them on, the upstream would answer 401 (a request carrying Authorization is sent as is).
            var wrong = Convert.ToBase64String("pusher:wrong-password"u8.ToArray());
            facade.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", wrong);
            using var client = new RegistryClient(facade.Address, facade.Client);
            await image.PushAsync(client, "team/authed", "v1");

            using var upstream = registry.CreateClient(new RegistryCredential("pusher", "s3cret-push"));
            Assert.Equal(image.Digest, (await upstream.HeadManifestAsync("team/authed", "v1"))!.Digest);
            using var direct = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            using var anonymous = await direct.GetAsync(new Uri(registry.BaseUri, "/v2/team/authed/tags/list"));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
