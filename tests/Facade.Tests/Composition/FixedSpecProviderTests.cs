using Facade.Composition;
using Facade.Protos.RegistryFacade;
using Facade.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Facade.Tests.Composition;

/// <summary>The fixed-file spec provider: protobuf JSON parsing, reload on change, last good content kept.</summary>
public sealed class FixedSpecProviderTests : IDisposable
{
    private const string FullSpec = """
        {
          "full": {
            "baseRef": "registry.example.test/base:1",
            "ideRef": "registry.example.test/ide:1",
            "supervisorRef": "registry.example.test/supervisor:1",
            "ideLayerRef": ["registry.example.test/jdk:1", "registry.example.test/node:1"],
            "contentLayer": [
              { "direct": { "content": "aGVsbG8=" } },
              { "remote": { "url": "https://content.example.test/a.tgz", "digest": "sha256:aa", "diffId": "sha256:bb", "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "size": "42" } }
            ]
          },
          "small": { "base_ref": "registry.example.test/small:1" }
        }
        """;

    private readonly TempDir _directory = new("composition");

    public void Dispose() => _directory.Dispose();

    private string WriteSpecs(string json, int secondsAhead = 0)
    {
        var path = _directory["specs.json"];
        File.WriteAllText(path, json);
        // Set the write time explicitly so two writes within the file system's time resolution still differ.
        File.SetLastWriteTimeUtc(path, new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(secondsAhead));
        return path;
    }

    private static async Task<SpecLookup> Get(FixedSpecProvider provider, string id) => await provider.GetSpecAsync(id, CancellationToken.None);

    [Fact]
    public async Task Reads_protobuf_json_with_camel_case_and_proto_names()
    {
        var provider = new FixedSpecProvider(WriteSpecs(FullSpec), NullLogger<FixedSpecProvider>.Instance);
        var full = (await Get(provider, "full")).Spec!;
        Assert.Equal("registry.example.test/base:1", full.BaseRef);
        Assert.Equal("registry.example.test/ide:1", full.IdeRef);
        Assert.Equal("registry.example.test/supervisor:1", full.SupervisorRef);
        Assert.Equal(["registry.example.test/jdk:1", "registry.example.test/node:1"], full.IdeLayerRef);
        Assert.Equal("hello", full.ContentLayer[0].Direct.Content.ToStringUtf8());
        Assert.Equal(ContentLayer.SpecOneofCase.Remote, full.ContentLayer[1].SpecCase);
        Assert.Equal(42, full.ContentLayer[1].Remote.Size);
        Assert.Equal("sha256:bb", full.ContentLayer[1].Remote.DiffId);
        Assert.Equal("registry.example.test/small:1", (await Get(provider, "small")).Spec!.BaseRef);
        Assert.Equal(SpecLookupStatus.NotFound, (await Get(provider, "other")).Status);
    }

    [Fact]
    public async Task A_changed_file_is_reloaded()
    {
        var provider = new FixedSpecProvider(WriteSpecs("""{ "a": { "baseRef": "one" } }"""), NullLogger<FixedSpecProvider>.Instance);
        Assert.Equal("one", (await Get(provider, "a")).Spec!.BaseRef);
        WriteSpecs("""{ "a": { "baseRef": "two" }, "b": { "baseRef": "three" } }""", secondsAhead: 5);
        Assert.Equal("two", (await Get(provider, "a")).Spec!.BaseRef);
        Assert.Equal("three", (await Get(provider, "b")).Spec!.BaseRef);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("""{ "a": { "baseRef": 5 } }""")]
    [InlineData("""{ "a": { "unknownField": "x" } }""")]
    [InlineData("""{ "a": "string" }""")]
    public async Task A_bad_file_keeps_the_last_good_content(string bad)
    {
        var provider = new FixedSpecProvider(WriteSpecs("""{ "a": { "baseRef": "good" } }"""), NullLogger<FixedSpecProvider>.Instance);
        Assert.Equal("good", (await Get(provider, "a")).Spec!.BaseRef);
        WriteSpecs(bad, secondsAhead: 5);
        Assert.Equal("good", (await Get(provider, "a")).Spec!.BaseRef);
        WriteSpecs("""{ "a": { "baseRef": "fixed" } }""", secondsAhead: 10);
        Assert.Equal("fixed", (await Get(provider, "a")).Spec!.BaseRef);
    }

    [Fact]
    public async Task A_missing_file_serves_nothing_until_it_appears()
    {
        var path = _directory["specs.json"];
        var provider = new FixedSpecProvider(path, NullLogger<FixedSpecProvider>.Instance);
        Assert.Equal(SpecLookupStatus.NotFound, (await Get(provider, "a")).Status);
        WriteSpecs("""{ "a": { "baseRef": "late" } }""");
        Assert.Equal("late", (await Get(provider, "a")).Spec!.BaseRef);
    }
}
