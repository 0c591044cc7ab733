using System.Net;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Push;

/// <summary>With push disabled, or an upstream that is not writable, every push route answers 405 and nothing is written.</summary>
public sealed class PushRefusedTests : IAsyncLifetime
{
    private DistributionRegistry _registry = null!;

    public async Task InitializeAsync() => _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });

    public async Task DisposeAsync() => await _registry.DisposeAsync();

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Every_push_route_answers_405_unsupported(bool pushEnabled, bool writable)
    {
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", _registry.BaseUri,
            ("Facade:Upstreams:local:Writable", writable.ToString()),
            ("Facade:Push:Enabled", pushEnabled.ToString()), ("Facade:Auth:AllowAnonymousPush", "true")));
        try
        {
            var image = ImageGenerator.Image(new ImageSpec { Seed = 301, LayerSizes = [500] });
            var blob = image.Layers[0];
            var requests = new Func<HttpRequestMessage>[]
            {
                () => new HttpRequestMessage(HttpMethod.Post, "/v2/team/refused/blobs/uploads/"),
                () => new HttpRequestMessage(HttpMethod.Post, $"/v2/team/refused/blobs/uploads/?digest={blob.Digest}") { Content = new ByteArrayContent(blob.Bytes) },
                () => PushRequests.Patch("/v2/team/refused/blobs/uploads/some-session", blob.Bytes, 0),
                () => new HttpRequestMessage(HttpMethod.Get, "/v2/team/refused/blobs/uploads/some-session"),
                () => PushRequests.Manifest("/v2/team/refused/manifests/v1", image.ManifestBytes, image.MediaType),
                () => new HttpRequestMessage(HttpMethod.Delete, $"/v2/team/refused/manifests/{image.Digest}"),
                () => new HttpRequestMessage(HttpMethod.Delete, $"/v2/team/refused/blobs/{blob.Digest}"),
            };
            foreach (var request in requests)
            {
                using var response = await facade.Client.SendAsync(request());
                Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
                Assert.Equal("UNSUPPORTED", await PushRequests.ErrorCodeAsync(response));
            }
            using var upstream = _registry.CreateClient();
            Assert.Null(await upstream.HeadBlobAsync("team/refused", blob.Digest));
            Assert.Null(await upstream.HeadManifestAsync("team/refused", "v1"));
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
        }
    }
}
