using Facade.Shared.Oci;

namespace Facade.Shared.Composition;

/// <summary>The entry of an index picked for a platform.</summary>
/// <param name="Digest">The manifest digest to fetch.</param>
/// <param name="MediaType">The manifest media type named by the index.</param>
/// <param name="Size">The manifest size named by the index.</param>
public sealed record PlatformManifest(Digest Digest, string MediaType, long Size);
