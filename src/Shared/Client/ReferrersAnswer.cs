namespace Facade.Shared.Client;

/// <summary>
/// A registry's referrers index as raw bytes, and whether it applied the requested
/// <c>artifactType</c> filter (its <c>OCI-Filters-Applied</c> header).
/// </summary>
public sealed record ReferrersAnswer(byte[] Index, bool ArtifactTypeFiltered);
