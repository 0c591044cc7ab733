using System.Net;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Mirror;

/// <summary>Upstreams that require Basic auth (htpasswd) or the Bearer token flow.</summary>
public sealed class UpstreamAuthTests
{
    private static readonly Dictionary<string, string> Users = new() { ["puller"] = "s3cret-pass" };

    [Fact]
    public async Task Basic_auth_upstream_is_pulled_with_configured_credentials_only()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { HtpasswdUsers = Users, Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 31 });
        using (var client = registry.CreateClient(new Facade.Shared.Client.RegistryCredential("puller", "s3cret-pass")))
            await image.PushAsync(client, "private/app", "v1");

        var anonymous = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri, ("Facade:Timeouts:Attempts", "1")));
        try
        {
            using var denied = await anonymous.Client.GetAsync("/v2/private/app/manifests/v1");
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
            Assert.DoesNotContain("s3cret", await denied.Content.ReadAsStringAsync());
        }
        finally
        {
            await anonymous.DisposeAndDeleteCacheAsync();
        }

        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Upstreams:local:Username", "puller"), ("Facade:Upstreams:local:Password", "s3cret-pass")));
        try
        {
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/private/app/manifests/v1"));
            Assert.Equal(image.Layers[0].Bytes, await facade.Client.GetByteArrayAsync($"/v2/private/app/blobs/{image.Layers[0].Digest}"));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task Bearer_token_upstream_is_pulled_with_tokens_cached_per_scope()
    {
        using var dir = new TempDir("token");
        await using var tokens = await TokenServer.StartAsync(dir, new TokenServerOptions { Users = Users });
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Token = tokens, Quiet = true });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 32, LayerSizes = [10_000, 20_000, 30_000] });
        using (var client = registry.CreateClient(new Facade.Shared.Client.RegistryCredential("puller", "s3cret-pass")))
            await image.PushAsync(client, "private/tok", "v1");
        var before = tokens.Requests;

        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Upstreams:local:Username", "puller"), ("Facade:Upstreams:local:Password", "s3cret-pass"),
            ("Facade:Upstreams:local:TokenRealms:0", tokens.Authority)));
        try
        {
            Assert.Equal(image.ManifestBytes, await facade.Client.GetByteArrayAsync("/v2/private/tok/manifests/v1"));
            foreach (var blob in image.Blobs)
                Assert.Equal(blob.Bytes, await facade.Client.GetByteArrayAsync($"/v2/private/tok/blobs/{blob.Digest}"));
            // One pull scope for the repository: one token serves the manifest and all blobs.
            Assert.Equal(1, tokens.Requests - before);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
