using System.Net;
using System.Text.Json;
using Facade.Shared.Client;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Facade.Tests.Mirror;

/// <summary>
/// The upstream's token service refusing or down, on the real registry with token auth: a refusal
/// reaches the client as 401 with the service's reason; an outage is 503, and a tag seen before is
/// served stale as for any upstream outage.
/// </summary>
public sealed class TokenServiceFailureTests
{
    private static readonly Dictionary<string, string> Users = new() { ["puller"] = "s3cret-pass" };

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Refusal_is_401_with_the_reason_and_outage_is_503_with_known_tags_served_stale()
    {
        using var dir = new TempDir("tokdown");
        var tokens = await TokenServer.StartAsync(dir, new TokenServerOptions { Users = Users, ExpiresInSeconds = 60 });
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Token = tokens, Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 141 });
        using (var client = registry.CreateClient(new RegistryCredential("puller", "s3cret-pass")))
            await image.PushAsync(client, "team/app", "v1");

        var wrong = await FacadeHost.StartAsync(Mirror(registry, tokens, "not-it"));
        try
        {
            using var refused = await wrong.Client.GetAsync("/v2/team/app/manifests/v1");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var (code, message) = await ErrorOf(refused);
            Assert.Equal("UNAUTHORIZED", code);
            Assert.Contains("bad credentials", message, StringComparison.Ordinal);
            Assert.DoesNotContain("not-it", message, StringComparison.Ordinal);
        }
        finally
        {
            await wrong.DisposeAndDeleteCacheAsync();
        }

        // The facade's clock is the test's: its cached token runs out when the test says so.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var facade = await FacadeHost.StartAsync(Mirror(registry, tokens, "s3cret-pass"), configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        try
        {
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/team/app/manifests/v1"));
            await tokens.DisposeAsync();
            clock.Advance(TimeSpan.FromMinutes(2));

            using var stale = await facade.Client.GetAsync("/v2/team/app/manifests/v1");
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Equal(image.ManifestBytes, await stale.Content.ReadAsByteArrayAsync());

            using var unknown = await facade.Client.GetAsync("/v2/team/app/manifests/never-seen");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
            var (code, message) = await ErrorOf(unknown);
            Assert.Equal("UNAVAILABLE", code);
            Assert.Contains("token service of upstream local", message, StringComparison.Ordinal);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    private static Dictionary<string, string?> Mirror(DistributionRegistry registry, TokenServer tokens, string password) =>
        FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Upstreams:local:Username", "puller"), ("Facade:Upstreams:local:Password", password),
            ("Facade:Upstreams:local:TokenRealms:0", tokens.Authority), ("Facade:Cache:TagTtl", "00:00:00"),
            ("Facade:Timeouts:Attempts", "1"));

    private static async Task<(string Code, string Message)> ErrorOf(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("errors")[0];
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }
}
