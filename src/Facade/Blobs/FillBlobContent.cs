using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Facade.Blobs;

/// <summary>
/// A blob being fetched right now, read along as it lands. When the cache volume fails under the
/// fill, this reader goes on past the cache from the byte it reached (<see cref="PassThroughBlobContent"/>).
/// </summary>
internal sealed class FillBlobContent(BlobFills fills, BlobFill fill, SafeFileHandle file, long? length) : BlobContent
{
    private PassThroughBlobContent? _rest;

    public override long? Length => length;
    public override string Source => _rest?.Source ?? fill.Source;

    public override async Task<long> CopyToAsync(ByteRange? range, PipeWriter writer, CancellationToken ct)
    {
        var offset = range?.Offset ?? 0;
        var end = range?.End ?? length ?? long.MaxValue;
        var reached = new StrongBox<long>(offset);
        try
        {
            return await BlobCopier.CopyFollowingAsync(fill, file, offset, end, writer, reached, ct).ConfigureAwait(false);
        }
        catch (CacheAbandonedException e)
        {
            _rest = await fills.PassThroughAsync(fill.Target, fill.Digest, length, ct, file, e.Written).ConfigureAwait(false);
            return reached.Value - offset + await _rest.CopyAsync(reached.Value, end, writer, ct).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _rest?.Dispose();
        file.Dispose();
    }
}
