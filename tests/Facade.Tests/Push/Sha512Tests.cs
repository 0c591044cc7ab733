using System.Net;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Push;

/// <summary>
/// Blobs addressed by sha512 through the facade into a real distribution registry. The
/// specification lets a client name content with any registered algorithm; the facade must keep
/// that name in its answers and verify with the same algorithm when it fetches.
/// </summary>
public sealed class Sha512Tests(PushFixture fixture) : IClassFixture<PushFixture>
{
    private HttpClient Client => fixture.Facade.Client;

    private static (byte[] Bytes, Digest Digest) Blob(int seed, int size)
    {
        var bytes = ImageGenerator.Image(new ImageSpec { Seed = seed, LayerSizes = [size] }).Layers[0].Bytes;
        return (bytes, Digest.Compute(DigestAlgorithm.Sha512, bytes));
    }

    [Fact]
    public async Task A_single_request_upload_keeps_the_clients_sha512_digest_and_the_blob_is_served_by_it()
    {
        var (bytes, digest) = Blob(501, 40_000);
        using var created = await Client.PostAsync($"/v2/team/sha512/blobs/uploads/?digest={digest}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(digest.Value, created.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal($"/v2/team/sha512/blobs/{digest}", created.Headers.Location!.OriginalString);

        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/sha512/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);

        // First GET fetches from the upstream, verified with SHA-512, and caches under sha512/.
        Assert.Equal(bytes, await Client.GetByteArrayAsync($"/v2/team/sha512/blobs/{digest}"));
        var cached = Path.Combine(fixture.Facade.CacheDirectory, "blobs", "sha512", digest.Encoded);
        Assert.True(File.Exists(cached), "the blob is cached under its sha512 digest");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(cached));
        using var again = await Client.GetAsync($"/v2/team/sha512/blobs/{digest}");
        Assert.Equal(digest.Value, again.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_chunked_upload_completed_with_a_sha512_digest_keeps_it()
    {
        var (bytes, digest) = Blob(502, 9_000);
        using var started = await Client.PostAsync("/v2/team/sha512-chunked/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        using var patched = await Client.SendAsync(PushRequests.Patch(started.Headers.Location!.OriginalString, bytes, 0));
        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        using var done = await Client.SendAsync(PushRequests.Put(patched.Headers.Location!.OriginalString, [], digest));
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal(digest.Value, done.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal($"/v2/team/sha512-chunked/blobs/{digest}", done.Headers.Location!.OriginalString);
        Assert.Equal(bytes, await Client.GetByteArrayAsync($"/v2/team/sha512-chunked/blobs/{digest}"));
    }

    [Fact]
    public async Task An_upload_whose_content_does_not_match_its_sha512_digest_is_refused()
    {
        var (bytes, _) = Blob(503, 3_000);
        var (_, other) = Blob(504, 3_000);
        using var refused = await Client.PostAsync($"/v2/team/sha512-wrong/blobs/uploads/?digest={other}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("DIGEST_INVALID", await PushRequests.ErrorCodeAsync(refused));
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/sha512-wrong/blobs/{other}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Theory]
    [InlineData("sha384:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha512:0123")]
    public async Task An_upload_naming_an_unsupported_or_malformed_digest_is_DIGEST_INVALID(string digest)
    {
        using var refused = await Client.PostAsync($"/v2/team/sha512-bad/blobs/uploads/?digest={digest}", new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("DIGEST_INVALID", await PushRequests.ErrorCodeAsync(refused));
    }
}
