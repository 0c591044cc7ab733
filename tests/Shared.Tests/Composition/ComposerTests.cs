using System.Text;
using System.Text.Json;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Composition;

/// <summary>Base formats, preserved fields, annotations, determinism and errors of the composer.</summary>
public sealed class ComposerTests
{
    private static readonly AddonImage Ide = TestImages.Addon("ide", 2, ["GITPOD_ENV_SET_EDITOR=code"]);

    [Theory]
    [InlineData(MediaTypes.DockerManifest, MediaTypes.DockerConfig, MediaTypes.DockerManifest)]
    [InlineData(MediaTypes.OciManifest, MediaTypes.OciConfig, MediaTypes.OciManifest)]
    [InlineData(null, MediaTypes.OciConfig, MediaTypes.OciManifest)]
    [InlineData(null, MediaTypes.DockerConfig, MediaTypes.DockerManifest)]
    public void Base_formats_keep_their_media_type(string? mediaType, string configMediaType, string expected)
    {
        var result = TestImages.ComposeWith(TestImages.Manifest("base", 2, mediaType, configMediaType),
            TestImages.Config("base", 2), Ide);
        Assert.Equal(expected, result.ManifestMediaType);
        using var manifest = JsonDocument.Parse(result.Manifest);
        var root = manifest.RootElement;
        if (mediaType is null) Assert.False(root.TryGetProperty("mediaType", out _));
        else Assert.Equal(mediaType, root.GetProperty("mediaType").GetString());
        Assert.Equal(4, root.GetProperty("layers").GetArrayLength());
        Assert.Equal(result.ConfigDigest.Value, root.GetProperty("config").GetProperty("digest").GetString());
        Assert.Equal(result.Config.Length, root.GetProperty("config").GetProperty("size").GetInt64());
        Assert.Equal(configMediaType, root.GetProperty("config").GetProperty("mediaType").GetString());
        Assert.Equal("201", root.GetProperty("annotations").GetProperty("io.gitpod.workspace-image.size").GetString());
        Assert.Equal("registry.example.test/base:1", root.GetProperty("annotations").GetProperty("io.gitpod.workspace-image.ref").GetString());
    }

    [Fact]
    public void Appended_layers_diff_ids_and_history_line_up()
    {
        var result = TestImages.ComposeWith(TestImages.Manifest("base", 1), TestImages.Config("base", 1), Ide);
        using var config = JsonDocument.Parse(result.Config);
        using var manifest = JsonDocument.Parse(result.Manifest);
        var diffIds = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ToList();
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()).ToList();
        Assert.Equal([TestImages.DiffIdOf("base", 0).Value, TestImages.DiffIdOf("ide", 0).Value, TestImages.DiffIdOf("ide", 1).Value], diffIds);
        Assert.Equal([TestImages.LayerDigestOf("base", 0).Value, TestImages.LayerDigestOf("ide", 0).Value, TestImages.LayerDigestOf("ide", 1).Value], layers);
        var history = config.RootElement.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.All(history, h => Assert.False(h.TryGetProperty("created", out _), "a clock value would break determinism"));
    }

    [Fact]
    public void Unknown_fields_and_key_order_survive_verbatim()
    {
        var manifest = Encoding.UTF8.GetBytes(
            "{\"z-first\":{\"deep\":[1.0,2e-3,\"\\u00e9\"]},\"schemaVersion\":2,\"config\":{\"size\":1,\"digest\":\"" + TestImages.DigestOf("c") +
            "\",\"mediaType\":\"" + MediaTypes.OciConfig + "\",\"x\":true},\"layers\":[],\"annotations\":{\"b\":\"2\",\"a\":\"1\"},\"tail\":null}");
        var config = "{\"os\":\"linux\",\"weird\":-12.50E+10,\"rootfs\":{\"diff_ids\":[],\"type\":\"layers\",\"x\":[{}]},\"history\":[],\"last\":\"\\ud83d\\ude00\"}"u8.ToArray();
        var result = TestImages.ComposeWith(manifest, config);
        var text = Encoding.UTF8.GetString(result.Manifest);
        Assert.StartsWith("{\"z-first\":{\"deep\":[1.0,2e-3,\"\\u00e9\"]},\"schemaVersion\":2,\"config\":{\"size\":" + result.Config.Length, text);
        Assert.Contains(",\"mediaType\":\"" + MediaTypes.OciConfig + "\",\"x\":true}", text);
        Assert.Contains("\"annotations\":{\"b\":\"2\",\"a\":\"1\",\"io.gitpod.workspace-image.size\":\"0\"", text);
        Assert.EndsWith(",\"tail\":null}", text);
        Assert.Equal("{\"os\":\"linux\",\"weird\":-12.50E+10,\"rootfs\":{\"diff_ids\":[],\"type\":\"layers\",\"x\":[{}]},\"history\":[],\"last\":\"\\ud83d\\ude00\"}",
            Encoding.UTF8.GetString(result.Config));
    }

    [Theory]
    [InlineData("\"annotations\":null,")]
    [InlineData("")]
    public void Annotations_are_created_when_missing(string annotations)
    {
        var manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2," + annotations + "\"config\":{\"mediaType\":\"" + MediaTypes.OciConfig +
            "\",\"digest\":\"" + TestImages.DigestOf("c") + "\",\"size\":1},\"layers\":[{\"mediaType\":\"m\",\"digest\":\"" + TestImages.DigestOf("l") + "\",\"size\":42}]}");
        var result = TestImages.ComposeWith(manifest, TestImages.Config("base", 1));
        using var document = JsonDocument.Parse(result.Manifest);
        Assert.Equal("42", document.RootElement.GetProperty("annotations").GetProperty("io.gitpod.workspace-image.size").GetString());
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes_and_digests()
    {
        var content = new DirectContent(Encoding.UTF8.GetBytes("tar"));
        ComposeResult Run() => ImageComposer.Compose(CompositionPlanner.Plan(new PlanInput([], Ide, null, [], [content]))
            .ToComposeInput(TestImages.Manifest("base", 3), TestImages.Config("base", 3, ["A=1"]), "ref"));
        var first = Run();
        var second = Run();
        Assert.Equal(first.ManifestDigest, second.ManifestDigest);
        Assert.Equal(first.ConfigDigest, second.ConfigDigest);
        Assert.Equal(first.Manifest, second.Manifest);
        var other = ImageComposer.Compose(CompositionPlanner.Plan(new PlanInput([], Ide, null, [], [])).ToComposeInput(
            TestImages.Manifest("base", 3), TestImages.Config("base", 3, ["A=1"]), "ref"));
        Assert.NotEqual(first.ManifestDigest, other.ManifestDigest);
    }

    [Theory]
    [InlineData("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciIndex + "\",\"manifests\":[]}", "index")]
    [InlineData("{\"schemaVersion\":1,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+json\",\"config\":{},\"layers\":[]}", "image manifest")]
    [InlineData("{\"schemaVersion\":2", "JSON")]
    [InlineData("{} {}", "JSON")]
    [InlineData("[]", "object")]
    [InlineData("", "JSON")]
    [InlineData("{\"config\":{\"mediaType\":\"x\"},\"layers\":[{\"digest\":\"d\"}]}", "no size")]
    [InlineData("{\"config\":{\"mediaType\":\"x\"},\"layers\":[{\"size\":-1}]}", "non-negative")]
    [InlineData("{\"config\":{\"mediaType\":\"x\"},\"layers\":[{\"size\":\"1\"}]}", "non-negative")]
    [InlineData("{\"config\":{\"mediaType\":\"x\"}}", "no layers")]
    [InlineData("{\"layers\":[]}", "no config")]
    [InlineData("{\"config\":{\"mediaType\":\"x\"},\"layers\":{}}", "layers must be an array")]
    public void Bad_base_manifests_are_clear_errors(string manifest, string expected)
    {
        var error = Assert.Throws<CompositionException>(() =>
            TestImages.ComposeWith(Encoding.UTF8.GetBytes(manifest), TestImages.Config("base", 0), Ide));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{\"os\":\"linux\"}", "no rootfs")]
    [InlineData("{\"rootfs\":[]}", "rootfs must be an object")]
    [InlineData("{\"rootfs\":{\"diff_ids\":{}}}", "diff_ids must be an array")]
    [InlineData("{\"rootfs\":{\"diff_ids\":[]},\"history\":{}}", "history must be an array")]
    [InlineData("{\"rootfs\":{\"diff_ids\":[]},\"config\":{\"Env\":[1]}}", "config.Env entry must be a string")]
    [InlineData("{\"rootfs\":{\"diff_ids\":[]},\"config\":\"x\"}", "config must be an object")]
    [InlineData("{\"rootfs\":{\"diff_ids\":[]}", "JSON")]
    public void Bad_base_configs_are_clear_errors(string config, string expected)
    {
        var error = Assert.Throws<CompositionException>(() =>
            TestImages.ComposeWith(TestImages.Manifest("base", 0), Encoding.UTF8.GetBytes(config), Ide));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        var deep = "{\"rootfs\":{\"diff_ids\":[]},\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";
        Assert.Throws<CompositionException>(() => TestImages.ComposeWith(TestImages.Manifest("base", 0), Encoding.UTF8.GetBytes(deep), Ide));
    }
}
