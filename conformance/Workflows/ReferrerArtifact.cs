using Conformance.Content;

namespace Conformance.Workflows;

/// <summary>An artifact pushed with a subject, with the artifactType and annotations its descriptor must carry.</summary>
/// <param name="Manifest">The artifact manifest as pushed.</param>
/// <param name="ArtifactType">Its artifactType.</param>
/// <param name="Annotations">Its annotations.</param>
internal sealed record ReferrerArtifact(TestManifest Manifest, string ArtifactType, IReadOnlyDictionary<string, string> Annotations);
