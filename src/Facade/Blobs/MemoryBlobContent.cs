using System.IO.Pipelines;

namespace Facade.Blobs;

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
