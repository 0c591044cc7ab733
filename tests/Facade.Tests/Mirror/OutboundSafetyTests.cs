using System.Net;
using System.Text.Json;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Tests.Mirror;

/// <summary>
/// An upstream that redirects the facade somewhere it must not go: the client gets a clear 502
/// naming the upstream, and nothing is fetched from the forbidden place.
/// </summary>
public sealed class OutboundSafetyTests
{
    private static readonly Digest SomeBlob = Digest.Sha256Of("a layer"u8);

    /// <summary>An upstream whose every answer is a 307 to <paramref name="target"/>.</summary>
    private static Task<LocalWebServer> RedirectingUpstream(string target, IPAddress? address = null) =>
        LocalWebServer.StartAsync(app => app.Run(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = target;
            return Task.CompletedTask;
        }), address: address);

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/")]
    [InlineData("file:///etc/passwd")]
    public async Task A_redirect_to_link_local_or_a_non_http_scheme_is_a_502_naming_the_upstream(string target)
    {
        await using var upstream = await RedirectingUpstream(target);
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("sneaky", upstream.BaseUri));
        try
        {
            await AssertRefusedAsync(facade, $"/v2/team/app/blobs/{SomeBlob}");
            await AssertRefusedAsync(facade, $"/v2/team/app/manifests/{SomeBlob}");
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [Fact]
    public async Task A_redirect_to_loopback_from_an_upstream_off_loopback_is_a_502()
    {
        var outside = LocalAddress.OffLoopback();
        Assert.True(outside is not null, "this machine has no non-loopback IPv4 address to run an upstream on");
        var reached = false;
        await using var local = await LocalWebServer.StartAsync(app => app.Run(context =>
        {
            reached = true;
            return Task.CompletedTask;
        }));
        await using var upstream = await RedirectingUpstream($"http://localhost:{local.BaseUri.Port}/admin", outside!);
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("sneaky", upstream.BaseUri));
        try
        {
            await AssertRefusedAsync(facade, $"/v2/team/app/blobs/{SomeBlob}");
            Assert.False(reached);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    private static async Task AssertRefusedAsync(FacadeHost facade, string path)
    {
        using var response = await facade.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("errors")[0];
        Assert.Contains("upstream sneaky", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("refused", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
