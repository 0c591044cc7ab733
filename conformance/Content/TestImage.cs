using System.Security.Cryptography;
using System.Text;

namespace Conformance.Content;

/// <summary>
/// A small random image: a config naming the layers, random layers, and the manifest over them.
/// Every run generates fresh bytes, so digests never collide with earlier runs.
/// </summary>
internal sealed class TestImage
{
    private TestImage(TestBlob config, IReadOnlyList<TestBlob> layers, TestManifest manifest)
    {
        Config = config;
        Layers = layers;
        Manifest = manifest;
    }

    /// <summary>The image config blob.</summary>
    public TestBlob Config { get; }

    /// <summary>The layer blobs.</summary>
    public IReadOnlyList<TestBlob> Layers { get; }

    /// <summary>The manifest referencing config and layers.</summary>
    public TestManifest Manifest { get; }

    /// <summary>Every blob: config first, then layers.</summary>
    public IEnumerable<TestBlob> Blobs => Layers.Prepend(Config);

    /// <summary>Generates an image with one random layer per entry of <paramref name="layerSizes"/>.</summary>
    public static TestImage Generate(params int[] layerSizes)
    {
        var layers = layerSizes.Select(size => new TestBlob(RandomNumberGenerator.GetBytes(size), MediaTypes.Layer)).ToList();
        var diffIds = string.Join(",", layers.Select(l => $"\"{l.Digest}\""));
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var configJson = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"conformance.nonce\":\"" + nonce
            + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + diffIds + "]}}";
        var config = new TestBlob(Encoding.UTF8.GetBytes(configJson), MediaTypes.ImageConfig);
        var builder = new ManifestBuilder(config);
        layers.ForEach(layer => builder.Layer(layer));
        return new TestImage(config, layers, builder.Build());
    }

    /// <summary>A random tag-safe suffix so each run uses its own tags.</summary>
    public static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
}
