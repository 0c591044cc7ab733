using System.IO.Pipelines;

namespace Facade.Blobs;

/// <summary>
/// Blob bytes ready to be sent: a complete file, a fill still arriving, bytes in memory, a range
/// read from IPFS; or what stands in for bytes: a length (HEAD), a redirect.
/// <see cref="Length"/> is null only for a fill whose upstream did not say, and for a redirect.
/// </summary>
internal abstract class BlobContent : IDisposable
{
    /// <summary>The whole blob's length, when known.</summary>
    public abstract long? Length { get; }

    /// <summary>A metrics label: where the bytes come from. Never drives behaviour.</summary>
    public abstract string Source { get; }

    /// <summary>Copies a range (or everything when <paramref name="range"/> is null) to the writer; returns bytes written.</summary>
    public abstract Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct);

    public virtual void Dispose() { }
}
