using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>A blob being fetched right now, read along as it lands.</summary>
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
