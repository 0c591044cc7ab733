using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>
/// What a HEAD on a manifest tells: media type and digest when the registry sent them, and the
/// size (-1 when not sent).
/// </summary>
public sealed record ManifestInfo(string? MediaType, Digest? Digest, long Size);
