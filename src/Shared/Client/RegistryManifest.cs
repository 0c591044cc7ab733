using Facade.Shared.Oci;

namespace Facade.Shared.Client;

/// <summary>A manifest or index exactly as the registry sent it: raw bytes, media type and digest.</summary>
public sealed record RegistryManifest(ReadOnlyMemory<byte> Bytes, string MediaType, Digest Digest);
