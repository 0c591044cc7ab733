using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// Blob bytes ready to be sent: a complete file, a fill still arriving, or bytes in memory.
/// <see cref="Length"/> is null only for a fill whose upstream did not say.
/// </summary>
internal abstract class BlobContent : IDisposable
{
    /// <summary>The whole blob's length, when known.</summary>
    public abstract long? Length { get; }

    /// <summary>A metrics label: where the bytes come from.</summary>
    public abstract string Source { get; }

    /// <summary>Copies a range (or everything when <paramref name="range"/> is null) to the writer; returns bytes written.</summary>
    public abstract Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct);

    public virtual void Dispose() { }
}

/// <summary>A complete, verified file: the disk cache or a configured local layer.</summary>
internal sealed class FileBlobContent(SafeFileHandle file, long length, string source) : BlobContent
{
    public override long? Length => length;
    public override string Source => source;

    public override Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct) =>
        BlobCopier.CopyFileAsync(file, range ?? new ByteRange(0, length), writer, ct);

    public override void Dispose() => file.Dispose();
}

/// <summary>A blob being fetched upstream right now, read along as it lands.</summary>
internal sealed class FillBlobContent(BlobFill fill, SafeFileHandle file, long? length) : BlobContent
{
    public override long? Length => length;
    public override string Source => fill.Source;

    public override Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct)
    {
        var offset = range?.Offset ?? 0;
        var end = range?.End ?? length ?? long.MaxValue;
        return BlobCopier.CopyFollowingAsync(fill, file, offset, end, writer, ct);
    }

    public override void Dispose() => file.Dispose();
}

/// <summary>Bytes held in memory (small content such as a composed config).</summary>
internal sealed class MemoryBlobContent(ReadOnlyMemory<byte> bytes, string source) : BlobContent
{
    public override long? Length => bytes.Length;
    public override string Source => source;

    public override async Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct)
    {
        var slice = range is { } r ? bytes.Slice((int)r.Offset, (int)r.Length) : bytes;
        await writer.WriteAsync(slice, ct).ConfigureAwait(false);
        return slice.Length;
    }
}
