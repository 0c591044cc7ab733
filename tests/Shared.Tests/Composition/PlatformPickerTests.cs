using System.Text;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Composition;

/// <summary>Picking the manifest for a platform out of an index or manifest list.</summary>
public sealed class PlatformPickerTests
{
    private static readonly string[] Entries = ["unknown/unknown", "linux/arm/v6", "linux/arm/v7", "linux/arm64/v8", "linux/amd64", "windows/amd64"];

    private static byte[] Index(string mediaType, string entryMediaType, IEnumerable<string> platforms) => Encoding.UTF8.GetBytes(
        $"{{\"schemaVersion\":2,\"mediaType\":\"{mediaType}\",\"manifests\":[" + string.Join(",", platforms.Select(p =>
        {
            var parts = p.Split('/');
            var variant = parts.Length == 3 ? $",\"variant\":\"{parts[2]}\"" : "";
            return $"{{\"mediaType\":\"{entryMediaType}\",\"digest\":\"{TestImages.DigestOf(p)}\",\"size\":10,\"platform\":{{\"os\":\"{parts[0]}\",\"architecture\":\"{parts[1]}\"{variant}}}}}";
        })) + "]}");

    [Theory]
    [InlineData(null, "linux/amd64")]
    [InlineData("linux/amd64", "linux/amd64")]
    [InlineData("linux/arm64", "linux/arm64/v8")]
    [InlineData("linux/arm64/v8", "linux/arm64/v8")]
    [InlineData("linux/arm", "linux/arm/v7")]
    [InlineData("linux/arm/v6", "linux/arm/v6")]
    [InlineData("windows/amd64", "windows/amd64")]
    public void Picks_the_matching_entry(string? wanted, string expected)
    {
        foreach (var (index, entry) in new[] { (MediaTypes.OciIndex, MediaTypes.OciManifest), (MediaTypes.DockerManifestList, MediaTypes.DockerManifest) })
        {
            var picked = PlatformPicker.Pick(Index(index, entry, Entries), wanted is null ? null : Platform.Parse(wanted));
            Assert.Equal(TestImages.DigestOf(expected), picked.Digest);
            Assert.Equal(entry, picked.MediaType);
            Assert.Equal(10, picked.Size);
        }
    }

    [Theory]
    [InlineData("linux/s390x")]
    [InlineData("linux/arm/v5")]
    [InlineData("darwin/amd64")]
    public void No_match_is_an_error_not_the_first_entry(string wanted)
    {
        var error = Assert.Throws<CompositionException>(() => PlatformPicker.Pick(Index(MediaTypes.OciIndex, MediaTypes.OciManifest, Entries), Platform.Parse(wanted)));
        Assert.Contains(wanted, error.Message);
    }

    [Fact]
    public void A_default_request_does_not_fall_back_to_another_architecture()
    {
        var index = Index(MediaTypes.OciIndex, MediaTypes.OciManifest, ["linux/arm64/v8", "linux/ppc64le"]);
        Assert.Throws<CompositionException>(() => PlatformPicker.Pick(index));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"manifests\":{}}")]
    [InlineData("{\"manifests\":[{\"digest\":\"bad\",\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}")]
    [InlineData("{\"manifests\":[{\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"mediaType\":\"" + MediaTypes.OciIndex + "\",\"size\":1,\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}")]
    [InlineData("{\"manifests\":[{\"digest\":\"sha256:0000000000000000000000000000000000000000000000000000000000000000\",\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"size\":\"1\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}")]
    public void Bad_indexes_are_clear_errors(string index)
    {
        var error = Assert.Throws<CompositionException>(() => PlatformPicker.Pick(Encoding.UTF8.GetBytes(index)));
        Assert.Contains("index", error.Message);
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/")]
    [InlineData("a/b/c/d")]
    [InlineData("")]
    public void Bad_platform_text_is_rejected(string text) => Assert.Throws<FormatException>(() => Platform.Parse(text));
}
