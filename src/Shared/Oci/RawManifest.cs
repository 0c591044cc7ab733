namespace Facade.Shared.Oci;

/// <summary>
/// A manifest as bytes: what every pass-through path carries. The digest is over exactly these
/// bytes, so they are never re-serialized.
/// </summary>
public sealed record RawManifest(ReadOnlyMemory<byte> Bytes, string MediaType, Digest Digest)
{
    /// <summary>The largest manifest accepted from anywhere (distribution's own limit is 4 MiB).</summary>
    public const int MaxSize = 4 * 1024 * 1024;

    /// <summary>Wraps bytes, computing their sha256 digest.</summary>
    public static RawManifest Create(ReadOnlyMemory<byte> bytes, string mediaType) =>
        new(bytes, mediaType, Digest.Sha256Of(bytes.Span));
}
