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
        if (store.TryOpenBlob(request.Digest, out var cachedLength) is { } cached)
        {
            metrics.CacheHit("blob");
            return Task.FromResult<BlobContent?>(new FileBlobContent(cached, cachedLength, "cache"));
        }
        metrics.CacheMiss("blob");
        return Task.FromResult<BlobContent?>(null);
    }
}
