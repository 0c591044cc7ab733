using System.Net;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Push;

/// <summary>Pushes through the facade into a real distribution registry, checked on the registry itself.</summary>
public sealed class PushPassThroughTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    private HttpClient Client => fixture.Facade.Client;

    [Fact]
    public async Task Image_pushed_through_the_facade_is_pulled_back_directly_from_the_upstream()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 101, LayerSizes = [70_000, 3_000] });
        var digest = await image.PushAsync(fixture.ThroughFacade, "team/pushed", "v1");

        var manifest = await fixture.Upstream.GetManifestAsync("team/pushed", "v1");
        Assert.NotNull(manifest);
        Assert.Equal(digest, manifest.Digest);
        Assert.Equal(image.ManifestBytes, manifest.Bytes.ToArray());
        foreach (var blob in image.Blobs)
        {
            await using var stream = await fixture.Upstream.GetBlobAsync("team/pushed", blob.Digest);
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            Assert.Equal(blob.Bytes, copy.ToArray());
        }
    }

    [RequiresToolFact("skopeo")]
    public async Task Skopeo_pushes_through_the_facade()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 110, LayerSizes = [120_000, 9_000] });
        await image.PushAsync(fixture.Upstream, "team/skopeo-source", "v1");
        var result = await Tool.RunAsync("skopeo", ["copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--retry-times", "0",
            $"docker://{fixture.Registry.Authority}/team/skopeo-source:v1", $"docker://{fixture.Facade.Authority}/team/skopeo-copy:v1"],
            TimeSpan.FromMinutes(2));
        result.EnsureSuccess();
        Assert.Equal(image.Digest, (await fixture.Upstream.HeadManifestAsync("team/skopeo-copy", "v1"))!.Digest);
        foreach (var blob in image.Blobs)
            Assert.Equal(blob.Size, await fixture.Upstream.HeadBlobAsync("team/skopeo-copy", blob.Digest));
    }

    [Fact]
    public async Task Chunked_upload_reports_its_status_and_refuses_an_out_of_order_chunk()
    {
        var blob = ImageGenerator.Image(new ImageSpec { Seed = 102, LayerSizes = [9_000] }).Layers[0];
        var (first, second) = (blob.Bytes[..4000], blob.Bytes[4000..]);
        using var started = await Client.PostAsync("/v2/team/chunked/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.True(started.Headers.Contains("Docker-Upload-UUID"));
        var location = started.Headers.Location!.OriginalString;

        using var patched = await Client.SendAsync(PushRequests.Patch(location, first, 0));
        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        Assert.Equal("0-3999", patched.Headers.GetValues("Range").Single());
        location = patched.Headers.Location!.OriginalString;

        using var status = await Client.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-3999", status.Headers.GetValues("Range").Single());

        using var gap = await Client.SendAsync(PushRequests.Patch(location, second, 4100));
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, gap.StatusCode);
        Assert.Equal("RANGE_INVALID", await PushRequests.ErrorCodeAsync(gap));
        Assert.Equal("0-3999", gap.Headers.GetValues("Range").Single());

        using var next = await Client.SendAsync(PushRequests.Patch(location, second, 4000));
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
        using var done = await Client.SendAsync(PushRequests.Put(next.Headers.Location!.OriginalString, [], blob.Digest));
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal(blob.Size, await fixture.Upstream.HeadBlobAsync("team/chunked", blob.Digest));
    }

    [Fact]
    public async Task Single_request_upload_completes_in_one_post()
    {
        var blob = ImageGenerator.Image(new ImageSpec { Seed = 103, LayerSizes = [2_000] }).Layers[0];
        using var content = new ByteArrayContent(blob.Bytes);
        using var response = await Client.PostAsync($"/v2/team/single/blobs/uploads/?digest={blob.Digest}", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v2/team/single/blobs/{blob.Digest}", response.Headers.Location!.OriginalString);
        Assert.Equal(blob.Size, await fixture.Upstream.HeadBlobAsync("team/single", blob.Digest));
    }

    [Fact]
    public async Task Mount_within_an_upstream_is_created_and_from_another_upstream_opens_a_session()
    {
        var blob = ImageGenerator.Image(new ImageSpec { Seed = 104, LayerSizes = [1_500] }).Layers[0];
        await fixture.ThroughFacade.PushBlobAsync("team/source", blob.Digest, blob.Bytes);

        using var mounted = await Client.PostAsync($"/v2/team/target/blobs/uploads/?mount={blob.Digest}&from=team/source", null);
        Assert.Equal(HttpStatusCode.Created, mounted.StatusCode);
        Assert.Equal(blob.Size, await fixture.Upstream.HeadBlobAsync("team/target", blob.Digest));

        // "other/team/source" is the same registry under another upstream name: never mounted across names.
        using var foreign = await Client.PostAsync($"/v2/team/target2/blobs/uploads/?mount={blob.Digest}&from=other/team/source", null);
        Assert.Equal(HttpStatusCode.Accepted, foreign.StatusCode);
        Assert.StartsWith("/v2/team/target2/blobs/uploads/", foreign.Headers.Location!.OriginalString);
        Assert.Null(await fixture.Upstream.HeadBlobAsync("team/target2", blob.Digest));
        using var cancelled = await Client.DeleteAsync(foreign.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
    }

    [Theory]
    [InlineData("/v2/team/located/blobs/uploads/?ns=local", "/v2/team/located/blobs/uploads/", "ns=local")]
    [InlineData("/v2/local/team/located/blobs/uploads/", "/v2/local/team/located/blobs/uploads/", null)]
    public async Task Upload_location_points_at_the_facade_under_the_clients_name(string start, string prefix, string? ns)
    {
        var blob = ImageGenerator.Image(new ImageSpec { Seed = 105, LayerSizes = [1_000] }).Layers[0];
        using var started = await Client.PostAsync(start, null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, location);
        Assert.DoesNotContain(fixture.Registry.Authority, location);
        Assert.Equal("registry/2.0", Assert.Single(started.Headers.GetValues("Docker-Distribution-API-Version")));
        if (ns is not null) Assert.Contains(ns, location);

        using var done = await Client.SendAsync(PushRequests.Put(location, blob.Bytes, blob.Digest));
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.StartsWith(prefix.Replace("uploads/", ""), done.Headers.Location!.OriginalString);
        Assert.Equal(blob.Digest.Value, done.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(blob.Size, await fixture.Upstream.HeadBlobAsync("team/located", blob.Digest));
    }

    [Fact]
    public async Task Pull_by_tag_sees_a_manifest_pushed_through_the_facade_at_once()
    {
        var first = ImageGenerator.Image(new ImageSpec { Seed = 106, LayerSizes = [500] });
        var second = ImageGenerator.Image(new ImageSpec { Seed = 107, LayerSizes = [600] });
        await first.PushAsync(fixture.ThroughFacade, "team/retag", "latest");
        Assert.Equal(first.Digest, (await fixture.ThroughFacade.GetManifestAsync("team/retag", "latest"))!.Digest);

        // The tag was just resolved, so it is fresh in the facade's tag cache (TTL 30 s).
        await second.PushAsync(fixture.ThroughFacade, "team/retag", "latest");
        Assert.Equal(second.Digest, (await fixture.ThroughFacade.GetManifestAsync("team/retag", "latest"))!.Digest);
    }

    [Fact]
    public async Task Invalid_manifests_are_refused_before_reaching_the_upstream()
    {
        using var notJson = await Client.SendAsync(PushRequests.Manifest("/v2/team/bad/manifests/x", "{\"schemaVersion\":2,"u8.ToArray(), MediaTypes.OciManifest));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("MANIFEST_INVALID", await PushRequests.ErrorCodeAsync(notJson));

        var image = ImageGenerator.Image(new ImageSpec { Seed = 108, LayerSizes = [300] });
        var wrong = Digest.Sha256Of("something else"u8);
        using var mismatch = await Client.SendAsync(PushRequests.Manifest($"/v2/team/bad/manifests/{wrong}", image.ManifestBytes, image.MediaType));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Equal("DIGEST_INVALID", await PushRequests.ErrorCodeAsync(mismatch));

        // Over the 4 MiB limit: the specification recommends 413 for a manifest too large to take.
        var padding = new string(' ', 4 * 1024 * 1024);
        using var tooLarge = await Client.SendAsync(PushRequests.Manifest("/v2/team/bad/manifests/big",
            System.Text.Encoding.UTF8.GetBytes("{\"schemaVersion\":2" + padding + "}"), MediaTypes.OciManifest));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("MANIFEST_INVALID", await PushRequests.ErrorCodeAsync(tooLarge));
    }

    [Fact]
    public async Task Deleting_by_digest_passes_through_and_deleting_a_tag_is_unsupported()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 109, LayerSizes = [400] });
        await image.PushAsync(fixture.ThroughFacade, "team/deleted", "v1");

        using var tag = await Client.DeleteAsync("/v2/team/deleted/manifests/v1");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, tag.StatusCode);
        Assert.Equal("UNSUPPORTED", await PushRequests.ErrorCodeAsync(tag));

        using var manifest = await Client.DeleteAsync($"/v2/team/deleted/manifests/{image.Digest}");
        Assert.Equal(HttpStatusCode.Accepted, manifest.StatusCode);
        using var blob = await Client.DeleteAsync($"/v2/team/deleted/blobs/{image.Layers[0].Digest}");
        Assert.Equal(HttpStatusCode.Accepted, blob.StatusCode);
        Assert.Null(await fixture.Upstream.GetManifestAsync("team/deleted", image.Digest.Value));
        Assert.Null(await fixture.ThroughFacade.GetManifestAsync("team/deleted", "v1"));
    }
}
