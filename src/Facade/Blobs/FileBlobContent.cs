using System.IO.Pipelines;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>A complete, verified file: the disk cache or a configured local layer.</summary>
internal sealed class FileBlobContent(SafeFileHandle file, long length, string source) : BlobContent
{
    public override long? Length => length;
    public override string Source => source;

    public override Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct) =>
        BlobCopier.CopyFileAsync(file, range ?? new ByteRange(0, length), writer, ct);

    public override void Dispose() => file.Dispose();
}
