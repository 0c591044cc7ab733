namespace Facade.Shared.Oci;

/// <summary>The media types the registry understands.</summary>
public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>The manifest types a client may receive, in order of preference.</summary>
    public static readonly string[] AllManifests = [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    /// <summary>True for an image manifest (not an index).</summary>
    public static bool IsImageManifest(string? mediaType) =>
        mediaType is OciManifest or DockerManifest;

    /// <summary>True for an index or manifest list.</summary>
    public static bool IsIndex(string? mediaType) =>
        mediaType is OciIndex or DockerManifestList;

    /// <summary>True for any manifest type the registry serves.</summary>
    public static bool IsManifest(string? mediaType) => IsImageManifest(mediaType) || IsIndex(mediaType);
}
