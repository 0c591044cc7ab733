using System.Net;
using System.Text;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Shared.Tests.Client;

/// <summary>
/// Where the client goes when a real server redirects it: storage on the registry's own kind of
/// address is followed; link-local, loopback from a non-loopback registry, other schemes and
/// endless chains are not.
/// </summary>
public sealed class RedirectPolicyTests
{
    private static readonly byte[] Blob = Encoding.UTF8.GetBytes("blob behind a redirect");
    private static readonly Digest BlobDigest = Digest.Sha256Of(Blob);

    /// <summary>A registry whose blob GETs answer 307 to <paramref name="target"/>.</summary>
    private static Task<LocalWebServer> RedirectingRegistry(Func<HttpContext, string> target, IPAddress? address = null) =>
        LocalWebServer.StartAsync(app => app.Run(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = target(context);
            return Task.CompletedTask;
        }), address: address);

    [Fact]
    public async Task Storage_on_the_registrys_kind_of_address_is_followed_without_credentials()
    {
        string? sawAuthorization = "unset";
        await using var storage = await LocalWebServer.StartAsync(app => app.Run(async context =>
        {
            sawAuthorization = context.Request.Headers.Authorization.FirstOrDefault();
            await context.Response.Body.WriteAsync(Blob);
        }));
        await using var registry = await RedirectingRegistry(_ => new Uri(storage.BaseUri, "/s?sig=1").ToString());
        using var client = RegistryClient.Create(registry.BaseUri);

        await using var stream = await client.GetBlobAsync("repo", BlobDigest);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);

        Assert.Equal(Blob, copy.ToArray());
        Assert.Null(sawAuthorization);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]:9/x")]
    public async Task Link_local_targets_are_refused_before_any_connection(string target)
    {
        await using var registry = await RedirectingRegistry(_ => target);
        using var client = RegistryClient.Create(registry.BaseUri, new RegistryHttpOptions { Retry = new RetryOptions { MaxAttempts = 3 } });

        var error = await Assert.ThrowsAsync<OutboundRefusedException>(() => client.GetBlobAsync("repo", BlobDigest));
        Assert.Contains("link-local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_is_refused_when_the_registry_is_not_on_loopback()
    {
        var outside = LocalAddress.OffLoopback();
        // The registry must live off loopback for loopback to be foreign to it; test machines have an interface.
        Assert.True(outside is not null, "this machine has no non-loopback IPv4 address to run a registry on");
        var reached = false;
        await using var local = await LocalWebServer.StartAsync(app => app.Run(context =>
        {
            reached = true;
            return context.Response.Body.WriteAsync(Blob).AsTask();
        }));
        // By name as well as by number: the check is on the resolved addresses, not on the text.
        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            await using var registry = await RedirectingRegistry(_ => $"http://{host}:{local.BaseUri.Port}/s", outside!);
            using var client = RegistryClient.Create(registry.BaseUri);
            var error = await Assert.ThrowsAsync<OutboundRefusedException>(() => client.GetBlobAsync("repo", BlobDigest));
            Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
        }
        Assert.False(reached);
    }

    [Fact]
    public async Task Other_schemes_and_endless_chains_are_not_followed()
    {
        await using var file = await RedirectingRegistry(_ => "file:///etc/passwd");
        using (var client = RegistryClient.Create(file.BaseUri))
            await Assert.ThrowsAsync<OutboundRefusedException>(() => client.GetBlobAsync("repo", BlobDigest));

        var hops = 0;
        await using var loop = await LocalWebServer.StartAsync(app => app.Run(context =>
        {
            Interlocked.Increment(ref hops);
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/again/" + hops;
            return Task.CompletedTask;
        }));
        using var looping = RegistryClient.Create(loop.BaseUri, new RegistryHttpOptions { MaxRedirects = 3 });
        var error = await Assert.ThrowsAsync<RegistryException>(() => looping.GetBlobAsync("repo", BlobDigest));
        Assert.Equal(HttpStatusCode.Found, error.StatusCode);
        Assert.Equal(4, hops);
    }

    [Fact]
    public async Task A_token_realm_on_a_link_local_address_or_downgrading_scheme_is_refused()
    {
        await using var registry = await LocalWebServer.StartAsync(app => app.Run(context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"http://169.254.169.254/token\",service=\"x\"";
            return Task.CompletedTask;
        }));
        using var client = RegistryClient.Create(registry.BaseUri);
        var error = await Assert.ThrowsAsync<OutboundRefusedException>(() => client.GetManifestAsync("repo", "v1"));
        Assert.Contains("token realm", error.Message, StringComparison.Ordinal);
    }
}
