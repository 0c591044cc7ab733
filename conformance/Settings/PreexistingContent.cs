namespace Conformance.Settings;

/// <summary>Content already in the registry that the pull workflow reads instead of pushing its own.</summary>
/// <param name="Tag">A tag in the namespace (OCI_TAG_NAME).</param>
/// <param name="ManifestDigest">Digest of the manifest the tag points at (OCI_MANIFEST_DIGEST).</param>
/// <param name="BlobDigest">Digest of a blob in the namespace (OCI_BLOB_DIGEST).</param>
internal sealed record PreexistingContent(string Tag, string ManifestDigest, string BlobDigest);
