namespace Conformance.Protocol;

/// <summary>The Accept header a pulling client sends for manifests.</summary>
internal static class ManifestAccept
{
    /// <summary>OCI manifest and index plus the Docker schema2 types.</summary>
    public const string Any = "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json, "
        + "application/vnd.docker.distribution.manifest.v2+json, application/vnd.docker.distribution.manifest.list.v2+json";
}
