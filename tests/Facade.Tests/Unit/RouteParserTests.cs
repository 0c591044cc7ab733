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

    [Theory]
    [InlineData("/v2/Upper/manifests/latest", OciErrorCode.NameInvalid)]
    [InlineData("/v2/a/manifests/-bad", OciErrorCode.TagInvalid)]
    [InlineData("/v2/a/manifests/sha256:123", OciErrorCode.DigestInvalid)]
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
