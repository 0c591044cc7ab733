using System.Net;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Mirror;

/// <summary>
/// The facade mirroring the reference registry served over TLS (a CA made in the test, trusted
/// through <c>CaFile</c>) with Basic auth: manifests and blobs arrive byte for byte, and the
/// registry's own access log shows the facade's requests arriving as HTTP/2 (or as HTTP/1.1 with
/// <c>Http2=false</c>).
/// </summary>
public sealed class Http2UpstreamTests
{
    private const string User = "puller";
    private const string Password = "h2-secret";

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_tls_upstream_is_pulled_from_over_http2_manifest_and_blob_byte_for_byte()
    {
        using var authority = TestCertificates.CreateAuthority();
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions
        {
            Tls = authority,
            HtpasswdUsers = new Dictionary<string, string> { [User] = Password },
        });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 21, LayerSizes = [2_500_000] });
        using (var client = registry.CreateClient(new RegistryCredential(User, Password)))
            await image.PushAsync(client, "team/app", "v1");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("secure", registry.BaseUri,
            ("Facade:Upstreams:secure:CaFile", registry.CaFile),
            ("Facade:Upstreams:secure:Username", User),
            ("Facade:Upstreams:secure:Password", Password)));
        try
        {
            using var manifest = await facade.Client.GetAsync("/v2/team/app/manifests/v1");
            Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
            Assert.Equal(image.ManifestBytes, await manifest.Content.ReadAsByteArrayAsync());
            var layer = image.Layers[0];
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/app/blobs/{layer.Digest}"));

            // Logged by the registry after it answered: the protocol the facade's request came in on.
            var blobLine = await registry.WaitForOutputLineAsync($"\"GET /v2/team/app/blobs/{layer.Digest} HTTP/2.0\" 200");
            Assert.Contains("registry-facade/", blobLine, StringComparison.Ordinal);
            // The tag is resolved with a HEAD, the manifest then fetched by its digest.
            var manifestLine = await registry.WaitForOutputLineAsync($"\"GET /v2/team/app/manifests/{image.Digest} HTTP/2.0\" 200");
            Assert.Contains("registry-facade/", manifestLine, StringComparison.Ordinal);
            Assert.Null(FindHttp11(registry, "registry-facade/"));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task With_http2_switched_off_the_same_upstream_is_pulled_from_over_http11()
    {
        using var authority = TestCertificates.CreateAuthority();
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Tls = authority });
        var image = ImageGenerator.Image(new ImageSpec { Seed = 22, LayerSizes = [400_000] });
        using (var client = registry.CreateClient())
            await image.PushAsync(client, "team/app", "v1");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("secure", registry.BaseUri,
            ("Facade:Upstreams:secure:CaFile", registry.CaFile),
            ("Facade:Upstreams:secure:Http2", "false")));
        try
        {
            var layer = image.Layers[0];
            Assert.Equal(layer.Bytes, await facade.Client.GetByteArrayAsync($"/v2/team/app/blobs/{layer.Digest}"));

            var blobLine = await registry.WaitForOutputLineAsync($"\"GET /v2/team/app/blobs/{layer.Digest} HTTP/1.1\" 200");
            Assert.Contains("registry-facade/", blobLine, StringComparison.Ordinal);
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }

    private static string? FindHttp11(DistributionRegistry registry, string userAgent) =>
        registry.Output.Split('\n').FirstOrDefault(l => l.Contains(" HTTP/1.1\"", StringComparison.Ordinal) && l.Contains(userAgent, StringComparison.Ordinal));
}
