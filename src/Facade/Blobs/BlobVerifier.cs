using System.Security.Cryptography;
using Facade.Metrics;
using Facade.Shared.Errors;
using Facade.Shared.Oci;

namespace Facade.Blobs;

/// <summary>
/// Hashes a blob's bytes in order from byte 0 and checks them, at the end, against its digest
/// and (when the origin said) its length. The fill and the uncached pass-through both verify
/// through this one type, so the rules for "these are the right bytes" cannot drift apart.
/// </summary>
internal sealed class BlobVerifier(Digest digest, long? length) : IDisposable
{
    private readonly IncrementalHash _hasher = digest.CreateHasher();

    /// <summary>Bytes hashed so far.</summary>
    public long Count { get; private set; }

    /// <summary>True once more bytes arrived than the blob has: reading on cannot make it right.</summary>
    public bool Overrun => length is { } max && Count > max;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        _hasher.AppendData(bytes);
        Count += bytes.Length;
    }

    /// <summary>Throws <see cref="ContentMismatchException"/> unless every byte arrived and matched (consumes the hash).</summary>
    public void Check(string origin, FacadeMetrics metrics)
    {
        if ((length is not { } expected || Count == expected) && digest.MatchesHash(_hasher)) return;
        metrics.VerifyFailure();
        throw new ContentMismatchException(new OciError(OciErrorCode.BadGateway,
            $"{origin} sent content that does not match {digest} ({Count} bytes)"));
    }

    public void Dispose() => _hasher.Dispose();
}
