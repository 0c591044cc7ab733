using Facade.Routing;
using Facade.Shared.Errors;

namespace Facade.Tests.Unit;

public sealed class RouteParserTests
{
    private const string D = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("/v2/", RouteKind.Base, "", "")]
    [InlineData("/v2", RouteKind.Base, "", "")]
    [InlineData("/v2/library/alpine/manifests/latest", RouteKind.Manifest, "library/alpine", "latest")]
    [InlineData("/v2/a/manifests/" + D, RouteKind.Manifest, "a", D)]
    [InlineData("/v2/a/b/c/blobs/" + D, RouteKind.Blob, "a/b/c", D)]
    [InlineData("/v2/a/tags/list", RouteKind.Tags, "a", "")]
    [InlineData("/v2/a/referrers/" + D, RouteKind.Referrers, "a", D)]
    [InlineData("/v2/a/blobs/uploads/", RouteKind.BlobUpload, "a", "")]
    [InlineData("/v2/a/blobs/uploads/abc-123", RouteKind.BlobUpload, "a", "abc-123")]
    [InlineData("/v2/manifests/manifests/v1", RouteKind.Manifest, "manifests", "v1")]
    public void Parses_routes(string path, RouteKind kind, string name, string reference)
    {
        var result = RouteParser.Parse(path);
        Assert.Null(result.Error);
        Assert.NotNull(result.Route);
        Assert.Equal(kind, result.Route!.Kind);
        Assert.Equal(name, result.Route.Name);
        Assert.Equal(reference, result.Route.Reference);
    }

    // Distribution spec, "Pulling manifests": a manifest that does not exist MUST give 404; a
    // reference outside the tag grammar and not a supported digest names none that can exist.
    // Only PUT, which would create it, is told TAG_INVALID or DIGEST_INVALID (error codes table).
    [Theory]
    [InlineData("GET", "/v2/a/manifests/.INVALID_MANIFEST_NAME", OciErrorCode.ManifestUnknown)]
    [InlineData("HEAD", "/v2/a/manifests/-bad", OciErrorCode.ManifestUnknown)]
    [InlineData("DELETE", "/v2/a/manifests/-bad", OciErrorCode.ManifestUnknown)]
    [InlineData("GET", "/v2/a/manifests/sha256:123", OciErrorCode.ManifestUnknown)]
    [InlineData("GET", "/v2/a/manifests/md5:d41d8cd98f00b204e9800998ecf8427e", OciErrorCode.ManifestUnknown)]
    [InlineData("PUT", "/v2/a/manifests/.INVALID_MANIFEST_NAME", OciErrorCode.TagInvalid)]
    [InlineData("PUT", "/v2/a/manifests/" + "t234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890", OciErrorCode.TagInvalid)]
    [InlineData("PUT", "/v2/a/manifests/sha256:ABC", OciErrorCode.DigestInvalid)]
    [InlineData("PUT", "/v2/a/manifests/sha384:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", OciErrorCode.DigestInvalid)]
    [InlineData("GET", "/v2/a/blobs/md5:d41d8cd98f00b204e9800998ecf8427e", OciErrorCode.DigestInvalid)]
    [InlineData("DELETE", "/v2/a/blobs/sha512:abc", OciErrorCode.DigestInvalid)]
    [InlineData("GET", "/v2/a/blobs/sha256:" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", OciErrorCode.DigestInvalid)]
    public void Invalid_references_get_the_answer_of_their_method(string method, string path, OciErrorCode code)
    {
        var result = RouteParser.Parse(path, method);
        Assert.Null(result.Route);
        Assert.Equal(code, result.Error?.Code);
    }

    [Theory]
    [InlineData("/v2/a/manifests/sha512:" + "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", RouteKind.Manifest)]
    [InlineData("/v2/a/blobs/sha512:" + "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", RouteKind.Blob)]
    public void Sha512_digests_are_routed(string path, RouteKind kind) => Assert.Equal(kind, RouteParser.Parse(path).Route?.Kind);

    [Theory]
    [InlineData("/v2/Upper/manifests/latest", OciErrorCode.NameInvalid)]
    [InlineData("/v2/a/blobs/sha256:123", OciErrorCode.DigestInvalid)]
    [InlineData("/v2/a/blobs/latest", OciErrorCode.DigestInvalid)]
    [InlineData("/v2/a__-b/tags/list", OciErrorCode.NameInvalid)]
    [InlineData("/v2/a/referrers/nope", OciErrorCode.DigestInvalid)]
    public void Reports_invalid_parts(string path, OciErrorCode code)
    {
        var result = RouteParser.Parse(path);
        Assert.Null(result.Route);
        Assert.Equal(code, result.Error?.Code);
    }

    [Theory]
    [InlineData("/v2/a")]
    [InlineData("/v2/a/manifests/")]
    [InlineData("/v2/a/unknown/x")]
    [InlineData("/v3/a/tags/list")]
    [InlineData("/v2/a/manifests/x/y")]
    public void Unknown_routes_are_not_found(string path)
    {
        var result = RouteParser.Parse(path);
        Assert.Null(result.Route);
        Assert.Null(result.Error);
    }
}
