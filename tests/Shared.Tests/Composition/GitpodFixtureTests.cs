using System.Text.Json;
using Facade.Shared.Composition;

namespace Facade.Shared.Tests.Composition;

/// <summary>
/// Gitpod's own golden fixtures for add-on layers (<c>GitpodFixtures/layersrc_*.json</c> with
/// their <c>.golden</c> answers, taken unchanged from Gitpod's registry-facade): the add-on image
/// is appended to a small base, and the composed manifest, config diff ids and Env must hold
/// exactly the layers and variables Gitpod's answer lists; an answer with an error must fail.
/// </summary>
public sealed class GitpodFixtureTests
{
    private static readonly string Root = FixtureDirectory();

    public static IEnumerable<object[]> Cases =>
        Directory.EnumerateFiles(Root, "layersrc_*.json").Select(p => new object[] { Path.GetFileNameWithoutExtension(p) }).OrderBy(c => (string)c[0]);

    [Fact]
    public void All_six_fixtures_are_present()
    {
        Assert.Equal(6, Cases.Count());
        Assert.All(Cases, c => Assert.True(File.Exists(Path.Combine(Root, c[0] + ".golden"))));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Composer_matches_gitpods_golden_answer(string name)
    {
        using var input = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, name + ".json")));
        using var golden = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, name + ".golden")));
        var addon = ReadAddon(input.RootElement);
        var baseEnv = StringsOrNull(input.RootElement, "envs");
        var baseManifest = TestImages.Manifest("base", 1);
        var baseConfig = TestImages.Config("base", 1, baseEnv);

        var error = golden.RootElement.GetProperty("error").GetString();
        if (!string.IsNullOrEmpty(error))
        {
            var thrown = Assert.Throws<CompositionException>(() => TestImages.ComposeWith(baseManifest, baseConfig, addon));
            // Gitpod's message is Go's; ours names the same label and the offending value.
            Assert.Contains("skip-n", thrown.Message);
            Assert.Contains(error.Split('"')[1], thrown.Message);
            return;
        }

        var result = TestImages.ComposeWith(baseManifest, baseConfig, addon);
        using var manifest = JsonDocument.Parse(result.Manifest);
        using var config = JsonDocument.Parse(result.Config);
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Skip(1).ToArray();
        var diffIds = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Skip(1).Select(e => e.GetString()).ToArray();
        var expected = golden.RootElement.GetProperty("layer").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, layers.Length);
        Assert.Equal(expected.Select(e => e.GetProperty("DiffID").GetString()), diffIds);
        for (var i = 0; i < expected.Length; i++)
        {
            var descriptor = expected[i].GetProperty("Descriptor");
            Assert.Equal(descriptor.GetProperty("mediaType").GetString(), layers[i].GetProperty("mediaType").GetString());
            Assert.Equal(descriptor.GetProperty("digest").GetString(), layers[i].GetProperty("digest").GetString());
            Assert.Equal(descriptor.GetProperty("size").GetInt64(), layers[i].GetProperty("size").GetInt64());
        }
        Assert.Equal(StringsOrNull(golden.RootElement, "envs"), EnvOrNull(config.RootElement));
    }

    /// <summary>The fixture's reference resolves to a descriptor; its digest names the manifest, whose config names the config.</summary>
    private static AddonImage ReadAddon(JsonElement fixture)
    {
        var reference = fixture.GetProperty("sourceRef").GetString()!;
        var content = fixture.GetProperty("content");
        byte[] Blob(string key) => content.GetProperty(key).GetBytesFromBase64();
        static string Hex(JsonElement descriptor) => descriptor.GetProperty("digest").GetString()!.Split(':')[1];
        using var descriptor = JsonDocument.Parse(Blob(reference));
        var manifest = Blob(Hex(descriptor.RootElement));
        using var parsed = JsonDocument.Parse(manifest);
        var config = Blob(Hex(parsed.RootElement.GetProperty("config")));
        return new AddonImage(reference, manifest, config);
    }

    private static string[]? StringsOrNull(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.GetString()!).ToArray()
            : null;

    private static string[]? EnvOrNull(JsonElement config) =>
        config.GetProperty("config").TryGetProperty("Env", out var env) ? env.EnumerateArray().Select(e => e.GetString()!).ToArray() : null;

    private static string FixtureDirectory([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "GitpodFixtures");
}
