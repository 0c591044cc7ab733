using System.Buffers;
using System.IO.Pipelines;
using Facade.Shared.Oci;
using Facade.Upstreams;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// A blob streamed to one client past the cache, when the cache cannot take it: read whole from
/// byte 0 (the bytes an abandoned fill file already holds, then the origin's body opened at the
/// byte after them), every byte hashed by a <see cref="BlobVerifier"/>, only the requested range
/// sent, and its last byte held until the digest matched. Nothing is written to disk; memory is
/// one pooled buffer plus the response pipe (which applies the client's back-pressure to the origin).
/// </summary>
internal sealed class PassThroughBlobContent(BlobFills fills, ResumingStream body, Digest digest, long? length, SafeFileHandle? prefix, long prefixLength)
    : BlobContent
{
    private const int ChunkSize = 128 * 1024;

    public override long? Length => length;
    public override string Source => body.Current.Origin.Name;

    public override Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct) =>
        CopyAsync(range?.Offset ?? 0, range?.End ?? long.MaxValue, writer, ct);

    /// <summary>Sends bytes <c>[from, end)</c> of the blob; returns how many were sent.</summary>
    public async Task<long> CopyAsync(long from, long end, PipeWriter writer, CancellationToken ct)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, fills.Aborting);
        using var idle = new IdleWatchdog(fills.Idle, fills.Time, stopping.Token);
        using var verifier = new BlobVerifier(digest, length);
        var sender = new HeldBackWriter(writer, from, end);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            // The start of the blob already on disk is hashed again: verification is over the
            // whole stream, and those bytes are the blob's first ones.
            for (var position = 0L; position < prefixLength;)
            {
                var read = await RandomAccess.ReadAsync(prefix!, buffer.AsMemory(0, (int)Math.Min(buffer.Length, prefixLength - position)), position, stopping.Token).ConfigureAwait(false);
                if (read == 0) throw new IOException($"the abandoned cache file of {digest} is shorter than the {prefixLength} bytes written");
                verifier.Append(buffer.AsSpan(0, read));
                position += read;
                if (!await sender.OfferAsync(buffer.AsMemory(0, read), stopping.Token).ConfigureAwait(false)) return sender.Sent;
            }
            while (true)
            {
                var read = await body.ReadProgressingAsync(buffer, idle, stopping.Token).ConfigureAwait(false);
                if (read == 0) break;
                verifier.Append(buffer.AsSpan(0, read));
                if (verifier.Overrun) break;
                if (!await sender.OfferAsync(buffer.AsMemory(0, read), stopping.Token).ConfigureAwait(false)) return sender.Sent;
            }
            try
            {
                verifier.Check(body.Describe(), fills.Metrics);
            }
            catch (ContentMismatchException e)
            {
                // As for a fill: the origin forgets wrong content before this reader is cut.
                foreach (var part in body.Parts) await part.Origin.RejectedAsync(digest, part).ConfigureAwait(false);
                throw new UpstreamException(e.Error);
            }
            await sender.FinishAsync(stopping.Token).ConfigureAwait(false);
            return sender.Sent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Dispose() => body.Dispose();
}
