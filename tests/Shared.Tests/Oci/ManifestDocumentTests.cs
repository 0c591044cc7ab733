using System.Text;
using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Oci;

public sealed class ManifestDocumentTests
{
    [Fact]
    public void Parses_an_index_with_platforms_and_keeps_unknown_fields()
    {
        var json = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","x-extra":1,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","size":7,"platform":{"os":"linux","architecture":"arm64","variant":"v8","features":["x"]}}]}""";
        var document = ManifestDocument.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Equal(MediaTypes.OciIndex, document.InferMediaType());
        var platform = document.Manifests![0].Platform!;
        Assert.Equal("linux/arm64/v8", platform.ToString());
        Assert.True(platform.Extra!.ContainsKey("features"));
        Assert.True(document.Extra!.ContainsKey("x-extra"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"schemaVersion":1}""")]
    [InlineData("null")]
    public void Rejects_what_is_not_a_manifest(string json) =>
        Assert.Throws<ManifestFormatException>(() => ManifestDocument.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Infers_the_oci_manifest_type_when_none_is_declared() =>
        Assert.Equal(MediaTypes.OciManifest, ManifestDocument.Parse("""{"schemaVersion":2,"layers":[]}"""u8).InferMediaType());
}
