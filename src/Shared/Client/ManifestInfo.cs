using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>What a HEAD on a manifest tells: media type, digest and size.</summary>
public sealed record ManifestInfo(string MediaType, Digest Digest, long Size);
