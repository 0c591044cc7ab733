using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// Copies file bytes straight into the response's <see cref="PipeWriter"/> memory (no
/// intermediate buffer), either from a finished file or following a fill as it grows.
/// </summary>
internal static class BlobCopier
{
    private const int ChunkSize = 128 * 1024;
    private const int FollowingChunkSize = 256 * 1024;

    /// <summary>Copies <paramref name="range"/> of a complete file.</summary>
    public static async Task<long> CopyFileAsync(SafeFileHandle file, ByteRange range, PipeWriter writer, CancellationToken ct)
    {
        var position = range.Offset;
        while (position < range.End)
        {
            var memory = writer.GetMemory(ChunkSize);
            var want = (int)Math.Min(memory.Length, range.End - position);
            var read = await RandomAccess.ReadAsync(file, memory[..want], position, ct).ConfigureAwait(false);
            if (read == 0) throw new IOException("cached blob is shorter than its index entry");
            writer.Advance(read);
            position += read;
            var flush = await writer.FlushAsync(ct).ConfigureAwait(false);
            if (flush.IsCanceled || flush.IsCompleted) break;
        }
        return position - range.Offset;
    }

    /// <summary>Copies a range of a blob that is still arriving, as fast as it lands; <paramref name="reached"/> follows the position sent.</summary>
    public static async Task<long> CopyFollowingAsync(BlobFill fill, SafeFileHandle file, long offset, long end, PipeWriter writer, StrongBox<long> reached, CancellationToken ct)
    {
        var position = offset;
        while (position < end)
        {
            var readable = await fill.WaitReadableAsync(position, end, ct).ConfigureAwait(false);
            if (readable <= position) break; // unknown length, fill verified and fully read
            while (position < readable)
            {
                var memory = writer.GetMemory(FollowingChunkSize);
                var want = (int)Math.Min(memory.Length, readable - position);
                // The fill has just written these bytes, so they are in the page cache: a plain
                // pread is a memory copy, where an asynchronous read would add a thread hop.
                var read = RandomAccess.Read(file, memory.Span[..want], position);
                if (read == 0) throw new IOException("blob fill file is shorter than reported");
                writer.Advance(read);
                position += read;
                reached.Value = position;
                var flush = await writer.FlushAsync(ct).ConfigureAwait(false);
                if (flush.IsCanceled || flush.IsCompleted) return position - offset;
            }
        }
        return position - offset;
    }
}
