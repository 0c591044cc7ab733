namespace Conformance.Content;

/// <summary>A serialized manifest: the bytes are the truth, the digest is over them.</summary>
internal sealed class TestManifest(byte[] bytes, string mediaType)
{
    /// <summary>The exact bytes pushed.</summary>
    public byte[] Bytes { get; } = bytes;

    /// <summary>The manifest's media type (also its Content-Type).</summary>
    public string MediaType { get; } = mediaType;

    /// <summary>sha256 digest of <see cref="Bytes"/>.</summary>
    public string Digest { get; } = Digests.Sha256(bytes);

    /// <summary>Length of <see cref="Bytes"/>.</summary>
    public long Size => Bytes.LongLength;
}
