using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Tests.Mirror;

/// <summary>
/// Pulling content addressed by sha512 through the mirror: verified with SHA-512, cached, served
/// under that digest; bytes that do not match it are refused as with sha256. The upstream is a
/// small registry of the test's own (distribution 2.8 cannot serve a manifest by a sha512
/// digest), which also serves wrong bytes on purpose; the real registry's sha512 blobs are in
/// Push.Sha512Tests.
/// </summary>
public sealed class Sha512MirrorTests : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, int> _gets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Type, byte[] Bytes)> _content = new(StringComparer.Ordinal);
    private LocalWebServer _upstream = null!;
    private FacadeHost _facade = null!;

    private static readonly byte[] Layer = ImageGenerator.Image(new ImageSpec { Seed = 521, LayerSizes = [300_000], Gzip = false }).Layers[0].Bytes;
    private static readonly Digest LayerDigest = Digest.Compute(DigestAlgorithm.Sha512, Layer);
    private static readonly Digest WrongLayerDigest = Digest.Compute(DigestAlgorithm.Sha512, Encoding.UTF8.GetBytes("another layer"));
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes(
        $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"{{LayerDigest}}","size":{{Layer.Length}}},"layers":[]}""");
    private static readonly Digest ManifestDigest = Digest.Compute(DigestAlgorithm.Sha512, Manifest);
    private static readonly Digest WrongManifestDigest = Digest.Compute(DigestAlgorithm.Sha512, Encoding.UTF8.GetBytes("another manifest"));

    public async Task InitializeAsync()
    {
        _content[$"/v2/team/app/manifests/{ManifestDigest}"] = (MediaTypes.OciManifest, Manifest);
        _content[$"/v2/team/app/blobs/{LayerDigest}"] = ("application/octet-stream", Layer);
        // Served under digests they do not have: same length, other bytes.
        var wrongManifest = (byte[])Manifest.Clone();
        wrongManifest[^2] = (byte)' ';
        _content[$"/v2/team/app/manifests/{WrongManifestDigest}"] = (MediaTypes.OciManifest, wrongManifest);
        var wrongLayer = (byte[])Layer.Clone();
        wrongLayer[^1] ^= 0xff;
        _content[$"/v2/team/app/blobs/{WrongLayerDigest}"] = ("application/octet-stream", wrongLayer);
        _upstream = await LocalWebServer.StartAsync(app => app.Run(ServeAsync));
        _facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("sha512up", _upstream.BaseUri));
    }

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        if (path == "/v2/")
        {
            await context.Response.WriteAsync("{}");
            return;
        }
        if (!_content.TryGetValue(path, out var content))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method)) _gets.AddOrUpdate(path, 1, (_, n) => n + 1);
        context.Response.ContentType = content.Type;
        context.Response.ContentLength = content.Bytes.Length;
        context.Response.Headers["Docker-Content-Digest"] = path[(path.LastIndexOf('/') + 1)..];
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(content.Bytes);
    }

    private int Gets(string path) => _gets.TryGetValue(path, out var n) ? n : 0;

    [Fact]
    public async Task A_manifest_pulled_by_its_sha512_digest_is_verified_cached_and_served_under_it()
    {
        var path = $"/v2/team/app/manifests/{ManifestDigest}";
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.ParseAdd(MediaTypes.OciManifest);
            using var response = await _facade.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(ManifestDigest.Value, response.Headers.GetValues("Docker-Content-Digest").Single());
            Assert.Equal(Manifest, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(1, Gets(path));
    }

    [Fact]
    public async Task A_manifest_whose_bytes_do_not_match_its_sha512_digest_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/team/app/manifests/{WrongManifestDigest}");
        request.Headers.Accept.ParseAdd(MediaTypes.OciManifest);
        using var response = await _facade.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode >= 500, $"{response.StatusCode}: {body}");
        Assert.Contains("\"errors\"", body);
        Assert.Null(CacheFiles.Find(_facade.CacheDirectory, "manifests", WrongManifestDigest));
    }

    [Fact]
    public async Task A_blob_pulled_by_its_sha512_digest_is_verified_cached_and_served_under_it()
    {
        var path = $"/v2/team/app/blobs/{LayerDigest}";
        using (var first = await _facade.Client.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(LayerDigest.Value, first.Headers.GetValues("Docker-Content-Digest").Single());
            Assert.Equal(Layer, await first.Content.ReadAsByteArrayAsync());
        }
        Assert.NotNull(CacheFiles.Find(_facade.CacheDirectory, "blobs", LayerDigest));
        Assert.Equal(Layer, await _facade.Client.GetByteArrayAsync(path));
        Assert.Equal(1, Gets(path));
    }

    [Fact]
    public async Task A_blob_whose_bytes_do_not_match_its_sha512_digest_never_ends_cleanly_and_is_not_cached()
    {
        using var response = await _facade.Client.GetAsync($"/v2/team/app/blobs/{WrongLayerDigest}", HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            // The fill had started the response: the body must break, never end with the wrong bytes.
            var cut = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());
            Assert.True(cut is HttpRequestException or IOException, $"expected a cut body, got {cut.GetType().Name}");
        }
        else
        {
            Assert.True((int)response.StatusCode >= 500, $"{response.StatusCode}");
            Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync());
        }
        Assert.Null(CacheFiles.Find(_facade.CacheDirectory, "blobs", WrongLayerDigest));
    }

    public async Task DisposeAsync()
    {
        await _facade.DisposeAndDeleteCacheAsync();
        await _upstream.DisposeAsync();
    }
}
