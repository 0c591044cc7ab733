using System.Net;
using System.Net.Http.Headers;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Mirror;

/// <summary>Pulls through the facade from a real distribution registry.</summary>
public sealed class MirrorPullTests(MirrorFixture fixture) : IClassFixture<MirrorFixture>
{
    private HttpClient Client => fixture.Facade.Client;

    [Theory]
    [InlineData("team/oci", MediaTypes.OciManifest)]
    [InlineData("team/docker", MediaTypes.DockerManifest)]
    [InlineData("team/multi", MediaTypes.OciIndex)]
    public async Task Manifest_by_tag_and_digest_is_the_upstream_bytes(string repository, string mediaType)
    {
        var expected = repository switch
        {
            "team/oci" => fixture.Oci.ManifestBytes,
            "team/docker" => fixture.Schema2.ManifestBytes,
            _ => fixture.MultiArch.Bytes,
        };
        var digest = Digest.Sha256Of(expected).Value;
        foreach (var reference in new[] { "v1", digest })
        {
            using var response = await Client.GetAsync($"/v2/{repository}/manifests/{reference}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
            Assert.Equal($"\"{digest}\"", response.Headers.ETag?.Tag);
            Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task Head_returns_exactly_the_headers_of_get()
    {
        var layer = fixture.Oci.Layers[0].Digest;
        foreach (var path in new[] { "/v2/team/oci/manifests/v1", $"/v2/team/oci/blobs/{layer}" })
        {
            using var get = await Client.GetAsync(path);
            using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(get.StatusCode, head.StatusCode);
            foreach (var name in new[] { "Docker-Content-Digest", "ETag", "Docker-Distribution-API-Version" })
                Assert.Equal(get.Headers.GetValues(name), head.Headers.GetValues(name));
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task Blobs_are_served_whole_and_by_range()
    {
        var layer = fixture.Oci.Layers[0];
        var path = $"/v2/team/oci/blobs/{layer.Digest}";
        Assert.Equal(layer.Bytes, await Client.GetByteArrayAsync(path));

        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Range = new RangeHeaderValue(100, 1099) } };
        using var partial = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(layer.Bytes.AsSpan(100, 1000).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100-1099/{layer.Size}", partial.Content.Headers.ContentRange?.ToString());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Range = new RangeHeaderValue(layer.Size + 10, null) } };
        using var unsatisfiable = await Client.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{layer.Size}", unsatisfiable.Content.Headers.ContentRange?.ToString());

        using var malformed = new HttpRequestMessage(HttpMethod.Get, path);
        malformed.Headers.TryAddWithoutValidation("Range", "bytes=9-1");
        using var bad = await Client.SendAsync(malformed);
        Assert.InRange((int)bad.StatusCode, 400, 499);
        Assert.Contains("\"errors\"", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Range_on_an_uncached_blob_reads_along_the_fill()
    {
        var layer = fixture.Schema2.Layers[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/team/docker/blobs/{layer.Digest}") { Headers = { Range = new RangeHeaderValue(5000, 5999) } };
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(layer.Bytes.AsSpan(5000, 1000).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task If_none_match_with_the_digest_gives_304()
    {
        var digest = fixture.Oci.Digest.Value;
        foreach (var path in new[] { "/v2/team/oci/manifests/v1", $"/v2/team/oci/blobs/{fixture.Oci.Config.Digest}" })
        {
            var etag = path.Contains("blobs") ? fixture.Oci.Config.Digest.Value : digest;
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("If-None-Match", $"\"{etag}\"");
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Accept_that_excludes_the_manifest_type_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/team/oci/manifests/v1");
        request.Headers.Accept.ParseAdd(MediaTypes.DockerManifest);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("MANIFEST_UNKNOWN", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ns_and_path_prefix_select_the_upstream_and_unknown_ns_is_refused_without_upstream_traffic()
    {
        var authority = fixture.Registry.Authority;
        Assert.Equal(fixture.Oci.ManifestBytes, await Client.GetByteArrayAsync($"/v2/team/oci/manifests/v1?ns={authority}"));
        Assert.Equal(fixture.Oci.ManifestBytes, await Client.GetByteArrayAsync("/v2/team/oci/manifests/v1?ns=local"));
        Assert.Equal(fixture.Oci.ManifestBytes, await Client.GetByteArrayAsync("/v2/local/team/oci/manifests/v1"));

        var before = fixture.Registry.Counter!.Log.Count;
        using var refused = await Client.GetAsync("/v2/team/oci/manifests/v2?ns=elsewhere.example");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("DENIED", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, fixture.Registry.Counter.Log.Count);
    }

    [Theory]
    [InlineData("/v2/Team/oci/manifests/v1", 400)]
    [InlineData("/v2/team/oci/manifests/-v1", 404)]
    [InlineData("/v2/team/oci/manifests/sha256:abc", 404)]
    [InlineData("/v2/team/oci/blobs/sha256:xyz", 400)]
    [InlineData("/v2/team/oci/blobs/md5:d41d8cd98f00b204e9800998ecf8427e", 400)]
    [InlineData("/v2/team/oci/manifests/nope", 404)]
    [InlineData("/v2/team/oci/blobs/sha256:0000000000000000000000000000000000000000000000000000000000000000", 404)]
    [InlineData("/v2/team/oci/nothing/here", 404)]
    [InlineData("/elsewhere", 404)]
    public async Task Bad_requests_get_oci_errors(string path, int status)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST", "/v2/team/oci/blobs/uploads/")]
    [InlineData("PUT", "/v2/team/oci/manifests/v9")]
    [InlineData("DELETE", "/v2/team/oci/manifests/v1")]
    [InlineData("PATCH", "/v2/team/oci/blobs/uploads/some-id")]
    public async Task Push_routes_are_unsupported(string method, string path)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent([]) });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("UNSUPPORTED", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Base_route_answers_with_the_api_version()
    {
        using var response = await Client.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("registry/2.0", response.Headers.GetValues("Docker-Distribution-API-Version").Single());
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tags_list_passes_through_with_pagination()
    {
        await fixture.Oci.PushAsync(fixture.Upstream, "team/paged", "a");
        await fixture.Oci.PushAsync(fixture.Upstream, "team/paged", "b");
        await fixture.Oci.PushAsync(fixture.Upstream, "team/paged", "c");
        Assert.Contains("\"a\",\"b\",\"c\"", (await Client.GetStringAsync("/v2/team/paged/tags/list")).Replace(" ", ""));
        using var page = await Client.GetAsync("/v2/local/team/paged/tags/list?n=1&last=a");
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("\"b\"", body);
        Assert.DoesNotContain("\"c\"", body);
        Assert.Equal("</v2/local/team/paged/tags/list?n=1&last=b>; rel=\"next\"", page.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task Referrers_without_upstream_support_is_an_empty_index()
    {
        using var response = await Client.GetAsync($"/v2/team/oci/referrers/{fixture.Oci.Digest}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MediaTypes.OciIndex, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"manifests\":[]", await response.Content.ReadAsStringAsync());
    }

    [RequiresToolFact("skopeo")]
    public async Task Skopeo_copies_by_tag_and_by_digest_through_the_facade()
    {
        using var dir = new TempDir("skopeo");
        foreach (var (reference, target) in new[] { ("team/oci:v1", "by-tag"), ($"team/docker@{fixture.Schema2.Digest}", "by-digest") })
        {
            var result = await Tool.RunAsync("skopeo", ["copy", "--src-tls-verify=false", "--retry-times", "0",
                $"docker://{fixture.Facade.Authority}/{reference}", $"dir:{dir[target]}"], TimeSpan.FromMinutes(2));
            result.EnsureSuccess();
        }
        foreach (var layer in fixture.Oci.Layers)
            Assert.Equal(layer.Bytes, await File.ReadAllBytesAsync(Path.Combine(dir["by-tag"], layer.Digest.Encoded)));
        Assert.Equal(fixture.Schema2.ManifestBytes, await File.ReadAllBytesAsync(Path.Combine(dir["by-digest"], "manifest.json")));
    }

    [Fact]
    public async Task Metrics_report_requests_cache_and_upstream()
    {
        await Client.GetByteArrayAsync("/v2/team/oci/manifests/v1");
        var text = await Client.GetStringAsync("/metrics");
        Assert.Contains("facade_requests_total{method=\"GET\",route=\"manifest\",status=\"200\"}", text);
        Assert.Contains("facade_cache_hits_total", text);
        Assert.Contains("facade_upstream_latency_seconds_bucket", text);
        Assert.Equal("ok", await Client.GetStringAsync("/health/live"));
        Assert.Equal("ready", await Client.GetStringAsync("/health/ready"));
    }
}
