using System.Net;
using Facade.Shared.Client;
using Facade.TestSupport;

namespace Facade.Shared.Tests.Client;

/// <summary>The auth handler against the reference registry with htpasswd Basic auth and with token auth.</summary>
public sealed class RegistryAuthTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "s3cret-pass" };

    [RequiresToolFact(DistributionRegistry.Program, "htpasswd")]
    public async Task Basic_auth_pushes_and_pulls_with_credentials_and_refuses_without()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { HtpasswdUsers = Users });
        using var client = registry.CreateClient(new RegistryCredential("alice", "s3cret-pass"));
        var image = ImageGenerator.Image(new ImageSpec { Seed = 11 });

        await image.PushAsync(client, "private/app", "v1");

        Assert.Equal(image.Digest, (await client.GetManifestAsync("private/app", "v1"))!.Digest);
        using var anonymous = registry.CreateClient();
        var refused = await Assert.ThrowsAsync<RegistryException>(() => anonymous.GetManifestAsync("private/app", "v1"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var wrong = registry.CreateClient(new RegistryCredential("alice", "not-it"));
        var denied = await Assert.ThrowsAsync<RegistryException>(() => wrong.GetManifestAsync("private/app", "v1"));
        Assert.DoesNotContain("not-it", denied.Message, StringComparison.Ordinal);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Bearer_flow_gets_tokens_per_scope_and_reuses_them()
    {
        await using var fixture = await TokenRegistry.StartAsync();
        using var client = fixture.Registry.CreateClient(new RegistryCredential("alice", "s3cret-pass"));
        var image = ImageGenerator.Image(new ImageSpec { Seed = 12, LayerSizes = [5_000, 6_000] });

        await image.PushAsync(client, "team/app", "v1");
        var afterPush = fixture.Tokens.Requests;
        for (var i = 0; i < 3; i++)
            Assert.Equal(image.Digest, (await client.GetManifestAsync("team/app", "v1"))!.Digest);
        var afterPulls = fixture.Tokens.Requests;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetManifestAsync("other/app", "v1")));

        // Push costs a pull token (blob HEADs) and a pull,push token (uploads, manifest PUT); the
        // pulls then reuse the pull token, and eight concurrent first requests share one fetch.
        Assert.Equal(2, afterPush);
        Assert.Equal(afterPush, afterPulls);
        Assert.Equal(afterPulls + 1, fixture.Tokens.Requests);
        Assert.Contains("repository:team/app:pull,push", fixture.Tokens.RequestedScopes);
        Assert.Contains("repository:other/app:pull", fixture.Tokens.RequestedScopes);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Credentials_do_not_go_to_a_realm_on_another_host_unless_it_is_trusted()
    {
        await using var fixture = await TokenRegistry.StartAsync();
        var store = new CredentialStore().Add(fixture.Registry.Authority, new RegistryCredential("alice", "s3cret-pass"));
        using var untrusted = RegistryClient.Create(fixture.Registry.BaseUri, new RegistryHttpOptions { Credentials = store });

        var error = await Assert.ThrowsAsync<RegistryAuthException>(() => untrusted.GetManifestAsync("team/app", "v1"));

        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, fixture.Tokens.Requests);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task An_anonymous_token_realm_works_without_credentials()
    {
        await using var fixture = await TokenRegistry.StartAsync(new TokenServerOptions { OmitExpiresIn = true });
        using var client = fixture.Registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 13 });

        await image.PushAsync(client, "open/app", "v1");

        Assert.Equal(image.ManifestBytes, (await client.GetManifestAsync("open/app", "v1"))!.Bytes.ToArray());
    }

    /// <summary>A token server and a registry that trusts it.</summary>
    private sealed class TokenRegistry : IAsyncDisposable
    {
        private readonly TempDir _dir;

        private TokenRegistry(TempDir dir, TokenServer tokens, DistributionRegistry registry)
        {
            _dir = dir;
            Tokens = tokens;
            Registry = registry;
        }

        public TokenServer Tokens { get; }
        public DistributionRegistry Registry { get; }

        public static async Task<TokenRegistry> StartAsync(TokenServerOptions? options = null)
        {
            var dir = new TempDir("tok");
            var tokens = await TokenServer.StartAsync(dir, options ?? new TokenServerOptions { Users = Users });
            var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Token = tokens });
            return new TokenRegistry(dir, tokens, registry);
        }

        public async ValueTask DisposeAsync()
        {
            await Registry.DisposeAsync();
            await Tokens.DisposeAsync();
            _dir.Dispose();
        }
    }
}
