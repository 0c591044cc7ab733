using System.IO.Pipelines;

namespace Facade.Blobs;

/// <summary>The answer to a HEAD: the length, learnt without fetching the bytes.</summary>
internal sealed class LengthOnlyBlobContent(long length, string source) : BlobContent
{
    public override long? Length => length;
    public override string Source => source;

    public override Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct) =>
        throw new InvalidOperationException("a length-only answer has no bytes to send");
}
