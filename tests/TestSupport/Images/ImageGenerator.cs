using Facade.Shared.Oci;

namespace Facade.TestSupport;

/// <summary>
/// Makes deterministic test images: layers of random files as real tar archives (gzip or plain),
/// a config with <c>rootfs.diff_ids</c>, history, Env and Labels, and an OCI or Docker schema2
/// manifest; or a multi-platform index of such images. Everything is in memory, so keep sizes to
/// what a test needs (tens of MiB at most).
/// </summary>
public static class ImageGenerator
{
    /// <summary>Docker's media type for an uncompressed layer (schema2 has no official one).</summary>
    private const string DockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar";

    /// <summary>One image as the spec says.</summary>
    public static GeneratedImage Image(ImageSpec spec)
    {
        var docker = spec.Format == ManifestFormat.Docker;
        var layerType = (docker, spec.Gzip) switch
        {
            (true, true) => MediaTypes.DockerLayerGzip,
            (true, false) => DockerLayerTar,
            (false, true) => MediaTypes.OciLayerGzip,
            (false, false) => MediaTypes.OciLayer,
        };
        var layers = new List<GeneratedBlob>();
        var diffIds = new List<Digest>();
        for (var i = 0; i < spec.LayerSizes.Count; i++)
        {
            var (tar, blob) = LayerWriter.Write(spec.Seed, i, spec.LayerSizes[i], spec.Gzip);
            diffIds.Add(Digest.Sha256Of(tar));
            layers.Add(new GeneratedBlob(layerType, blob));
        }
        var config = new GeneratedBlob(docker ? MediaTypes.DockerConfig : MediaTypes.OciConfig, ImageJson.Config(spec, diffIds));
        var manifestType = docker ? MediaTypes.DockerManifest : MediaTypes.OciManifest;
        return new GeneratedImage(spec, config, layers, diffIds, ImageJson.Manifest(manifestType, config, layers), manifestType);
    }

    /// <summary>
    /// An index over one image per platform (<c>os/arch</c> or <c>os/arch/variant</c>), default
    /// linux/amd64 and linux/arm64. Each image gets its own seed derived from the spec's seed.
    /// </summary>
    public static GeneratedIndex Index(ImageSpec spec, params string[] platforms)
    {
        if (platforms.Length == 0) platforms = ["linux/amd64", "linux/arm64"];
        var images = platforms.Select((platform, i) =>
        {
            var parts = platform.Split('/');
            if (parts.Length is < 2 or > 3) throw new ArgumentException($"platform '{platform}' is not os/arch[/variant]", nameof(platforms));
            return Image(spec with { Seed = spec.Seed * 31 + i, Os = parts[0], Architecture = parts[1], Variant = parts.Length == 3 ? parts[2] : null });
        }).ToArray();
        var indexType = spec.Format == ManifestFormat.Docker ? MediaTypes.DockerManifestList : MediaTypes.OciIndex;
        return new GeneratedIndex(ImageJson.Index(indexType, images), indexType, images);
    }
}
