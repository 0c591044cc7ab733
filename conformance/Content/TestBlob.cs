namespace Conformance.Content;

/// <summary>Bytes the suite pushes as a blob, with their media type for use in descriptors.</summary>
internal sealed class TestBlob(byte[] bytes, string mediaType)
{
    /// <summary>The exact bytes.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>Media type used when the blob is referenced from a manifest.</summary>
    public string MediaType { get; } = mediaType;

    /// <summary>sha256 digest of <see cref="Bytes"/>.</summary>
    public string Digest { get; } = Digests.Sha256(bytes);

    /// <summary>Length of <see cref="Bytes"/>.</summary>
    public long Size => Bytes.LongLength;
}
