using Facade.Push;
using Facade.Shared.Errors;
using Facade.Shared.Oci;

namespace Facade.Tests.Push;

/// <summary>The small parsers and mappers of the push path.</summary>
public sealed class PushParsingTests
{
    private static readonly Uri Upstream = new("http://127.0.0.1:5001/");

    [Theory]
    [InlineData("http://127.0.0.1:5001/v2/team/app/blobs/uploads/u1?_state=abc", "team/app", "local/team/app", null, "/v2/local/team/app/blobs/uploads/u1?_state=abc")]
    [InlineData("/v2/team/app/blobs/uploads/u1", "team/app", "team/app", "local", "/v2/team/app/blobs/uploads/u1?ns=local")]
    [InlineData("http://127.0.0.1:5001/v2/team/app/blobs/sha256:ab?x=1", "team/app", "app", "r.example:5", "/v2/app/blobs/sha256:ab?x=1&ns=r.example%3A5")]
    [InlineData("http://storage.example/v2/team/app/blobs/x", "team/app", "app", null, "http://storage.example/v2/team/app/blobs/x")]
    [InlineData("/v2/other/repo/blobs/uploads/u1", "team/app", "app", null, "/v2/other/repo/blobs/uploads/u1")]
    public void Locations_are_mapped_onto_the_clients_name(string location, string repository, string clientName, string? ns, string expected) =>
        Assert.Equal(expected, LocationMapper.Map(location, Upstream, repository, clientName, ns));

    [Theory]
    [InlineData("0-99", true, 0, 99)]
    [InlineData("bytes 100-199/*", true, 100, 199)]
    [InlineData("5-4", false, 0, 0)]
    [InlineData("-5", false, 0, 0)]
    [InlineData("abc", false, 0, 0)]
    public void Content_range_parses(string text, bool ok, long start, long end)
    {
        Assert.Equal(ok, ContentRange.TryParse(text, out var range));
        if (ok) Assert.Equal(new ContentRange(start, end), range);
    }

    [Theory]
    [InlineData("0-0", null)]
    [InlineData("0-4999", 5000L)]
    [InlineData("", null)]
    public void Upload_size_comes_from_range(string range, long? size) => Assert.Equal(size, UploadOffsets.SizeFromRange(range));

    [Fact]
    public void Referrers_tag_follows_the_schema()
    {
        var sha256 = Digest.Sha256Of("x"u8);
        Assert.Equal($"sha256-{sha256.Encoded}", ReferrersTag.For(sha256));
        var sha512 = Digest.Parse("sha512:" + new string('a', 128));
        Assert.Equal("sha512-" + new string('a', 64), ReferrersTag.For(sha512));
    }

    [Theory]
    [InlineData("""{"schemaVersion":1}""", OciErrorCode.ManifestInvalid)]
    [InlineData("""[]""", OciErrorCode.ManifestInvalid)]
    [InlineData("""{"schemaVersion":2,"config":{"digest":"sha256:xyz","size":1}}""", OciErrorCode.ManifestInvalid)]
    [InlineData("""{"schemaVersion":2,"layers":[{"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":-1}]}""", OciErrorCode.ManifestInvalid)]
    public void Invalid_manifests_are_refused(string json, OciErrorCode code)
    {
        var (_, _, error) = ManifestValidation.Check(System.Text.Encoding.UTF8.GetBytes(json), "v1");
        Assert.Equal(code, error?.Code);
    }

    [Fact]
    public void Index_filtering_keeps_unknown_fields_and_appending_is_idempotent()
    {
        var entry = new System.Text.Json.Nodes.JsonObject { ["digest"] = "sha256:aa", ["artifactType"] = "t/a", ["x-extra"] = 7 };
        var index = ReferrersIndex.Append(ReferrersIndex.Empty(), entry)!;
        Assert.Null(ReferrersIndex.Append(index, (System.Text.Json.Nodes.JsonObject)entry.DeepClone()));
        Assert.Contains("\"x-extra\":7", System.Text.Encoding.UTF8.GetString(ReferrersIndex.Filter(index, "t/a")));
        Assert.DoesNotContain("sha256:aa", System.Text.Encoding.UTF8.GetString(ReferrersIndex.Filter(index, "t/b")));
    }
}
