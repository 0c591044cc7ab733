using System.Net;
using Facade.Shared.Client;
using Facade.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Facade.Shared.Tests.Client;

/// <summary>
/// The client asks for HTTP/2 and takes what the server offers: the reference registry on TLS
/// offers h2 by ALPN and the exchange runs on it (the registry's own access log says so); on plain
/// http, and against a TLS server that offers only HTTP/1.1, requests go as HTTP/1.1.
/// </summary>
public sealed class Http2NegotiationTests
{
    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_tls_registry_is_spoken_to_over_http2_for_pushes_pulls_and_redirect_free_blobs()
    {
        using var authority = TestCertificates.CreateAuthority();
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Tls = authority });
        using var client = registry.CreateClient();
        Assert.Equal("https", client.BaseUri.Scheme);
        var image = ImageGenerator.Image(new ImageSpec { Seed = 11, LayerSizes = [300_000] });

        await image.PushAsync(client, "team/h2", "v1");

        using (var response = await client.SendAsync(HttpMethod.Get, new Uri(client.BaseUri, $"/v2/team/h2/blobs/{image.Layers[0].Digest}"), null, default))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal(image.Layers[0].Bytes, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(image.ManifestBytes, (await client.GetManifestAsync("team/h2", "v1"))!.Bytes.ToArray());
        var manifestLine = await registry.WaitForOutputLineAsync("GET /v2/team/h2/manifests/v1 ");
        Assert.Contains(" HTTP/2.0\"", manifestLine, StringComparison.Ordinal);
        var pushLine = await registry.WaitForOutputLineAsync("PUT /v2/team/h2/manifests/v1 ");
        Assert.Contains(" HTTP/2.0\"", pushLine, StringComparison.Ordinal);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_plain_http_registry_is_spoken_to_over_http11()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        using var client = registry.CreateClient();

        using var response = await client.SendAsync(HttpMethod.Get, new Uri(client.BaseUri, "/v2/"), null, default);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Contains(" HTTP/1.1\"", await registry.WaitForOutputLineAsync("GET /v2/ "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_server_that_offers_only_http11_is_spoken_to_over_http11()
    {
        using var authority = TestCertificates.CreateAuthority();
        using var dir = new TempDir("h1-only");
        var caFile = dir.WriteFile("ca.pem", authority.AuthorityPem);
        string? seen = null;
        await using var server = await LocalWebServer.StartAsync(app => app.Run(context =>
        {
            seen = context.Request.Protocol;
            return context.Response.WriteAsync("{}");
        }), certificate: authority.IssueServer(IPAddress.Loopback), protocols: HttpProtocols.Http1);
        using var client = RegistryClient.Create(server.BaseUri, new RegistryHttpOptions { TrustedRoots = TrustedRoots.FromPemFile(caFile) });

        using var response = await client.SendAsync(HttpMethod.Get, new Uri(server.BaseUri, "/v2/"), null, default);

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("HTTP/1.1", seen);
    }
}
