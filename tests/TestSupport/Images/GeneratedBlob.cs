using Facade.Shared.Oci;

namespace Facade.TestSupport;

/// <summary>A blob of a generated image: its bytes, digest and media type.</summary>
public sealed record GeneratedBlob(string MediaType, byte[] Bytes)
{
    /// <summary>The sha256 digest of the bytes.</summary>
    public Digest Digest { get; } = Digest.Sha256Of(Bytes);

    /// <summary>The size in bytes.</summary>
    public long Size => Bytes.LongLength;

    /// <summary>A read-only stream over the bytes.</summary>
    public Stream OpenRead() => new MemoryStream(Bytes, writable: false);
}
