using Conformance.Content;

namespace Conformance.Workflows;

/// <summary>What the pull workflow reads: pushed by its setup (manifest and blob known) or pre-existing (digests only).</summary>
/// <param name="Tag">Tag of the manifest.</param>
/// <param name="ManifestDigest">Digest of the manifest.</param>
/// <param name="Manifest">The manifest bytes when the suite pushed them.</param>
/// <param name="BlobDigest">Digest of a blob in the repository.</param>
/// <param name="Blob">The blob bytes when the suite pushed them.</param>
internal sealed record PullTarget(string Tag, string ManifestDigest, TestManifest? Manifest, string BlobDigest, TestBlob? Blob);
