using System.IO.Pipelines;
using Facade.Ipfs;
using Facade.Shared.Ipfs;

namespace Facade.Blobs;

/// <summary>
/// A byte range of an uncached blob read straight from the IPFS node (<c>cat</c> with offset and
/// length), so a resumed or partial download does not wait for the whole blob. A range cannot be
/// checked against the blob digest; what vouches for it is the CID: the publisher recorded it
/// only after checking digest and CID over the same bytes, and the node checks every block it
/// returns against the CID. Whole-blob reads never take this path: they go through the verified fill.
/// </summary>
internal sealed class IpfsRangeContent(IKuboClient kubo, Cid cid, long length) : BlobContent
{
    public override long? Length => length;
    public override string Source => "ipfs";

    public override async Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct)
    {
        var (offset, count) = range is { } r ? (r.Offset, r.Length) : (0L, length);
        Stream body;
        try { body = await kubo.CatAsync(cid, offset, count, ct).ConfigureAwait(false); }
        catch (IpfsException e) { throw new IOException($"the IPFS node failed reading {cid}: {e.Message}", e); }
        await using var _ = body;
        var copied = 0L;
        while (copied < count)
        {
            var memory = writer.GetMemory(64 * 1024);
            var read = await body.ReadAsync(memory[..(int)Math.Min(memory.Length, count - copied)], ct).ConfigureAwait(false);
            if (read == 0) break;
            writer.Advance(read);
            copied += read;
            var flush = await writer.FlushAsync(ct).ConfigureAwait(false);
            if (flush.IsCanceled || flush.IsCompleted) return copied;
        }
        // Short content must not look like a complete response.
        if (copied != count) throw new IOException($"the IPFS node sent {copied} of {count} bytes of {cid}");
        return copied;
    }
}
