using Facade.Metrics;
using Facade.Storage;

namespace Facade.Blobs;

/// <summary>The disk cache as the first link of the mirror's chain: verified, committed blobs only.</summary>
internal sealed class CacheBlobSource(ContentStore store, FacadeMetrics metrics) : IBlobSource
{
    public Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct)
    {
        if (request.Read == BlobRead.Head)
            return Task.FromResult<BlobContent?>(store.BlobLength(request.Digest) is { } length ? new LengthOnlyBlobContent(length, "cache") : null);
        Microsoft.Win32.SafeHandles.SafeFileHandle? cached;
        long cachedLength;
        using (var span = FacadeTelemetry.Start("blob cache", request.Digest.Value))
        {
            cached = store.TryOpenBlob(request.Digest, out cachedLength);
            span.Hit(cached is not null);
        }
        if (cached is not null)
        {
            metrics.CacheHit("blob");
            return Task.FromResult<BlobContent?>(new FileBlobContent(cached, cachedLength, "cache"));
        }
        metrics.CacheMiss("blob");
        return Task.FromResult<BlobContent?>(null);
    }
}
