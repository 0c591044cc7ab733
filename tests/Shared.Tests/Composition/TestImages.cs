using System.Text;
using System.Text.Json;
using Facade.Shared.Composition;
using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Composition;

/// <summary>Builds small, valid image manifests and configs for composer tests.</summary>
internal static class TestImages
{
    public static Digest DigestOf(string seed) => Digest.Sha256Of(Encoding.UTF8.GetBytes(seed));

    public static byte[] Manifest(string name, int layers, string? mediaType = MediaTypes.DockerManifest,
        string configMediaType = MediaTypes.DockerConfig, long layerSize = 100)
    {
        var media = mediaType is null ? "" : $"\"mediaType\":{Quote(mediaType)},";
        var layerJson = string.Join(",", Enumerable.Range(0, layers).Select(i =>
            $"{{\"mediaType\":{Quote(MediaTypes.DockerLayerGzip)},\"digest\":\"{DigestOf(name + "-layer-" + i)}\",\"size\":{layerSize + i}}}"));
        return Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,{media}\"config\":{{\"mediaType\":{Quote(configMediaType)},\"digest\":\"{DigestOf(name + "-config")}\",\"size\":10}},\"layers\":[{layerJson}]}}");
    }

    public static byte[] Config(string name, int layers, IEnumerable<string>? env = null, string? labelsJson = null)
    {
        var diffIds = string.Join(",", Enumerable.Range(0, layers).Select(i => Quote(DiffIdOf(name, i).Value)));
        var envJson = env is null ? "" : $"\"Env\":[{string.Join(",", env.Select(Quote))}]";
        var labels = labelsJson is null ? "" : (envJson.Length > 0 ? "," : "") + $"\"Labels\":{labelsJson}";
        return Encoding.UTF8.GetBytes(
            $"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{{envJson}{labels}}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[{diffIds}]}}}}");
    }

    public static Digest LayerDigestOf(string name, int index) => DigestOf(name + "-layer-" + index);

    public static Digest DiffIdOf(string name, int index) => DigestOf(name + "-diff-" + index);

    public static AddonImage Addon(string name, int layers, IEnumerable<string>? env = null, string? labelsJson = null) =>
        new($"registry.example.test/{name}:1", Manifest(name, layers, MediaTypes.OciManifest, MediaTypes.OciConfig),
            Config(name, layers, env, labelsJson));

    public static ComposeResult ComposeWith(byte[] baseManifest, byte[] baseConfig, params AddonImage[] ideLayers) =>
        ImageComposer.Compose(CompositionPlanner.Plan(new PlanInput([], null, null, ideLayers, []))
            .ToComposeInput(baseManifest, baseConfig, "registry.example.test/base:1"));

    public static string[] EnvOf(byte[] config)
    {
        using var document = JsonDocument.Parse(config);
        return document.RootElement.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    public static string Quote(string text) => JsonSerializer.Serialize(text);
}
