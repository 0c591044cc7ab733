namespace Conformance.Protocol;

/// <summary>One descriptor of a referrers response.</summary>
/// <param name="Digest">Digest of the referring manifest.</param>
/// <param name="MediaType">Its media type, if listed.</param>
/// <param name="Size">Its size, or -1 when missing.</param>
/// <param name="ArtifactType">Its artifact type, if listed.</param>
/// <param name="Annotations">The annotations copied from the manifest.</param>
internal sealed record ReferrerEntry(string Digest, string? MediaType, long Size, string? ArtifactType, IReadOnlyDictionary<string, string> Annotations);
