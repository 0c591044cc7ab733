using System.IO.Pipelines;
using Facade.Metrics;
using Facade.Shared.Oci;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// Copies a fill's body into its file, hashing every byte, in two loops joined by a pipe: one
/// receives from the origin, the other hashes and writes what has arrived. Receiving goes on while
/// a chunk is hashed and written, so the origin's connection is drained (and an HTTP/2 window
/// reopened) without waiting for the disk or the hash; whatever arrived meanwhile is hashed and
/// written as one chunk. The pipe holds at most <see cref="MaxAhead"/> bytes not yet written.
/// </summary>
internal static class FillCopy
{
    private const long MaxAhead = 4L * 1024 * 1024;

    /// <summary>
    /// Copies and verifies the whole body; <paramref name="written"/> is called after each chunk
    /// is in the file. Throws <see cref="CacheWriteException"/> when the file cannot take a
    /// chunk, <see cref="ContentMismatchException"/> when the bytes are not the blob.
    /// </summary>
    public static async Task RunAsync(ResumingStream body, SafeFileHandle file, Digest digest, IdleWatchdog idle, FacadeMetrics metrics,
        Action<long> written, CancellationToken stopping)
    {
        using var verifier = new BlobVerifier(digest, body.BlobLength);
        var pipe = new Pipe(new PipeOptions(FillBuffers.Instance, PipeScheduler.ThreadPool, PipeScheduler.ThreadPool,
            pauseWriterThreshold: MaxAhead, resumeWriterThreshold: MaxAhead / 2, minimumSegmentSize: FillBuffers.BlockSize, useSynchronizationContext: false));
        var receiving = ReceiveAsync(body, pipe.Writer, idle, stopping);
        var flush = new BackgroundFlush(file);
        var finished = false;
        try
        {
            while (true)
            {
                var result = await pipe.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                var chunk = result.Buffer;
                // Taken before AdvanceTo: the segments go back to the pool there.
                var length = chunk.Length;
                foreach (var segment in chunk)
                {
                    verifier.Append(segment.Span);
                    try { RandomAccess.Write(file, segment.Span, verifier.Count - segment.Length); }
                    catch (IOException e) { throw new CacheWriteException(e); }
                }
                pipe.Reader.AdvanceTo(chunk.End);
                if (length > 0) written(length);
                flush.Written(verifier.Count);
                if (result.IsCompleted || verifier.Overrun) break;
            }
            finished = true;
        }
        finally
        {
            if (!finished)
            {
                // A read in flight on a stalled origin would otherwise keep a failed fill (a full
                // disk) from reporting until the idle timeout.
                idle.Abandon();
                // The file handle is closed after this returns: no flush may still be using it.
                await flush.AbandonAsync().ConfigureAwait(false);
            }
            // Stops the receiving loop when this one ended first (a failed write, an overrun), and
            // waits for it: the body is disposed only once nothing reads it.
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            // It never throws: its failure reaches the loop above through the pipe.
            await receiving.ConfigureAwait(false);
        }
        await flush.FinishAsync().ConfigureAwait(false);
        verifier.Check(body.Describe(), metrics);
    }

    private static async Task ReceiveAsync(ResumingStream body, PipeWriter writer, IdleWatchdog idle, CancellationToken stopping)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await body.ReadProgressingAsync(writer.GetMemory(), idle, stopping).ConfigureAwait(false);
                if (read == 0) break;
                writer.Advance(read);
                if ((await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false)).IsCompleted) break;
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        await writer.CompleteAsync(failure).ConfigureAwait(false);
    }
}
