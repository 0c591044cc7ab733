namespace Conformance.Content;

/// <summary>The media types the suite writes and expects.</summary>
internal static class MediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string Layer = "application/vnd.oci.image.layer.v1.tar";
    public const string Empty = "application/vnd.oci.empty.v1+json";
    public const string OctetStream = "application/octet-stream";
}
